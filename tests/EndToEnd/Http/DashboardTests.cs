using System.Diagnostics;
using System.Globalization;
using Journeys.EndToEnd.Tests.CommandLine;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Journeys.EndToEnd.Tests.Http;

/// <summary>
/// The live dashboard as an operator opens it during <c>journeys demo</c>: headless Chromium loads <c>/</c>, which must
/// load every script and figure from the engine without an error, and show decisions flowing.
/// </summary>
public sealed class DashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly ITestOutputHelper _output;

    public DashboardTests(ITestOutputHelper output) => _output = output;

    /// <summary>Where the test keeps its screenshot: TestResults in the test output (bin/…/TestResults/dashboard.png).</summary>
    public static string ScreenshotPath { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");

    [ChromiumFact]
    public async Task Dashboard_loads_without_errors_and_shows_decisions_per_second_once_the_demo_decides()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        // Paced, so decisions keep flowing for a minute while the page scrapes every second.
        using var demo = Process.Start(JourneysCli.StartInfo("demo", "--events", "6000", "--rate", "100", "--hold", "--http", url))!;
        var stderr = demo.StandardError.ReadToEndAsync();
        try
        {
            var dashboard = await DashboardUrlAsync(demo);
            Assert.Equal($"{url}/", dashboard);
            // The rest of stdout (a line per sampled decision) is read so the demo never blocks on a full pipe.
            _ = demo.StandardOutput.ReadToEndAsync();

            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.ExecutablePath,
                Headless = true,
                // CI runs as root, where Chromium's sandbox cannot start; nothing here reaches beyond loopback.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
            });
            await using var page = await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1700 });
            var problems = new List<string>();
            page.Console += (_, e) =>
            {
                if (e.Message.Type == ConsoleType.Error) problems.Add($"console error: {e.Message.Text}");
                else if (e.Message.Type == ConsoleType.Warning) _output.WriteLine($"console warning: {e.Message.Text}");
            };
            page.PageError += (_, e) => problems.Add($"page error: {e.Message}");
            page.RequestFailed += (_, e) => problems.Add($"request failed: {e.Request.Url} ({e.Request.FailureText})");
            page.Response += (_, e) =>
            {
                if ((int)e.Response.Status >= 400) problems.Add($"{(int)e.Response.Status} for {e.Response.Url}");
            };

            var response = await page.GoToAsync(dashboard, WaitUntilNavigation.Load);
            Assert.True(response.Ok, $"{dashboard} answered {response.Status}");
            // Before or between events the page shows dashes and zeros, never NaN.
            Assert.DoesNotContain("NaN", await page.EvaluateExpressionAsync<string>("document.body.innerText"), StringComparison.Ordinal);

            await page.WaitForFunctionAsync(
                "() => Number(document.getElementById('decisions-per-second').dataset.value) > 0",
                new WaitForFunctionOptions { Timeout = (int)Patience.TotalMilliseconds, PollingInterval = 250 });
            var perSecond = double.Parse(await page.EvaluateExpressionAsync<string>("document.getElementById('decisions-per-second').dataset.value"),
                CultureInfo.InvariantCulture);
            Assert.True(perSecond > 0, $"decisions per second {perSecond}");
            // The most recommended products come from the engine's own top-K, with their reasons.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#top-products tbody tr td:nth-child(4)').length > 0",
                new WaitForFunctionOptions { Timeout = (int)Patience.TotalMilliseconds });
            // A few more scrapes, so the screenshot shows curves rather than a first point.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.DoesNotContain("NaN", await page.EvaluateExpressionAsync<string>("document.body.innerText"), StringComparison.Ordinal);

            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            await page.ScreenshotAsync(ScreenshotPath, new ScreenshotOptions { FullPage = true });
            _output.WriteLine($"dashboard at {perSecond:0.0} decisions/s; screenshot: {ScreenshotPath}");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            if (!demo.HasExited) demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
            _output.WriteLine(await stderr);
        }
    }

    /// <summary>The URL the demo names as its dashboard's, read from its stdout as a user would.</summary>
    private static async Task<string> DashboardUrlAsync(Process demo)
    {
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<string>();
        while (await demo.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            seen.Add(line);
            if (line.StartsWith("dashboard: ", StringComparison.Ordinal)) return line["dashboard: ".Length..].Split(' ')[0];
        }
        Assert.Fail($"the demo printed no dashboard URL:\n{string.Join('\n', seen)}");
        return "";
    }
}
