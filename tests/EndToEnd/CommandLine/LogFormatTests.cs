using System.Diagnostics;
using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

public sealed class LogFormatTests
{
    [Fact]
    public async Task Serve_with_log_format_json_writes_one_json_object_a_line()
    {
        var info = JourneysCli.StartInfo("serve", "--bootstrap", "127.0.0.1:1", "--log-format", "json");
        info.Environment["JOURNEYS__State__Durability"] = "none";
        using var serve = Process.Start(info)!;
        var lines = new List<string>();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            // The start-up lines (model, state, product feed wait): enough to see the format.
            while (lines.Count < 3 && await serve.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                lines.Add(line);
            }
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
        }

        Assert.Equal(3, lines.Count);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.True(root.TryGetProperty("Timestamp", out _), line);
            Assert.True(root.TryGetProperty("LogLevel", out _), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Category").GetString()), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Message").GetString()), line);
        }
    }

    [Fact]
    public async Task An_unknown_log_format_is_refused_naming_the_choices()
    {
        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromSeconds(60), "serve", "--log-format", "xml");

        Assert.NotEqual(0, code);
        Assert.Contains("json", stderr, StringComparison.Ordinal);
    }
}
