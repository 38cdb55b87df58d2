using System.Diagnostics;
using System.Net;

namespace Journeys.EndToEnd.Tests.CommandLine;

public sealed class DemoHoldTests
{
    [Fact]
    public async Task Demo_with_hold_prints_its_url_and_keeps_serving_after_the_summary_until_interrupted()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        using var demo = Process.Start(JourneysCli.StartInfo("demo", "--events", "200", "--burst", "--hold", "--http", url))!;
        var stderr = demo.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (await demo.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("holding", StringComparison.Ordinal)) break;
            }
            Assert.Contains(lines, l => l.Contains($"http: {url}", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Journeys demo: 200 events", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("holding", StringComparison.Ordinal));

            // Keep draining stdout: a full pipe would block the demo's later writes and look like a hang.
            var rest = demo.StandardOutput.ReadToEndAsync();

            // After the summary the engine still answers.
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
            Assert.Contains("journeys_decisions_total", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);

            // Ctrl+C ends it cleanly.
            using (var interrupt = Process.Start("kill", ["-INT", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await demo.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                demo.Kill(entireProcessTree: true);
                Assert.Fail($"the demo did not exit within 60 s of Ctrl+C; its last output:\n{Tail(await rest)}\nstderr:\n{Tail(await stderr)}");
            }
            Assert.Equal(0, demo.ExitCode);
        }
        finally
        {
            if (!demo.HasExited) demo.Kill(entireProcessTree: true);
        }
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
