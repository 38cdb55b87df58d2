using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary><c>journeys evaluate --task ann</c> as a user runs it, on the bundled small model and data.</summary>
public sealed class EvaluateAnnTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"journeys-ann-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Ann_reports_recall_and_latency_of_every_index_against_exact_with_a_chart_and_json()
    {
        var model = Path.Combine(AppContext.BaseDirectory, "data", "models", "rees46-demo.jrnm");

        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "evaluate", "--task", "ann", "--model", model, "--dataset", "rees46",
            "--queries", "200", "--nprobe", "2", "8", "--garnet-metrics", "ip", "--garnet-ef", "40", "--synthetic-items", "3000",
            "--synthetic-queries", "100", "--threads", "1", "--out", _folder, "--json");

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var rows = json.RootElement.GetProperty("measurements").EnumerateArray().ToList();
        var indexes = rows.Select(r => (r.GetProperty("catalog").GetString(), r.GetProperty("index").GetString())).ToHashSet();
        Assert.Contains(("rees46", "exact"), indexes);
        Assert.Contains(("rees46", "ivf"), indexes);
        Assert.Contains(("rees46", "garnet"), indexes);
        Assert.Contains(("synthetic-3000x64", "ivf"), indexes);
        foreach (var row in rows)
        {
            Assert.InRange(row.GetProperty("recall").GetDouble(), 0, 1);
            Assert.True(row.GetProperty("singleP50Us").GetDouble() > 0);
        }
        Assert.All(rows.Where(r => r.GetProperty("index").GetString() == "exact"), r => Assert.Equal(1.0, r.GetProperty("recall").GetDouble()));
        Assert.All(rows.Where(r => r.GetProperty("catalog").GetString() == "rees46"), r => Assert.InRange(r.GetProperty("hitRate").GetDouble(), 0, 1));
        Assert.Equal(2, json.RootElement.GetProperty("crossover").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_folder, "ann-report.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "ann-recall-latency-rees46.png")));
        Assert.True(File.Exists(Path.Combine(_folder, "ann-crossover.png")));
    }

    [Fact]
    public async Task Ann_without_a_dataset_stops_with_a_message_naming_the_flag()
    {
        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "evaluate", "--task", "ann", "--model", "journeys.dll");

        Assert.NotEqual(0, code);
        Assert.Contains("--task ann needs --dataset", stderr, StringComparison.Ordinal);
    }

}
