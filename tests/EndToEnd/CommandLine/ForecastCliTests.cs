using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary><c>journeys evaluate --task forecast</c> as a user runs it: a child process on the shared DIGINETICA purchases.</summary>
public sealed class ForecastCliTests
{
    [SharedDataFact("diginetica-cikm16/train-purchases.csv.gz")]
    public async Task Evaluate_forecast_scores_the_model_and_both_baselines_on_real_purchases_and_writes_report_and_chart()
    {
        var output = Path.Combine(Path.GetTempPath(), $"journeys-forecast-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(2), "evaluate", "--task", "forecast",
                "--data", SharedData.Folder, "--out", output, "--json");

            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
            var root = json.RootElement;
            Assert.Equal("forecast", root.GetProperty("task").GetString());
            Assert.Equal("2016-06-01", root.GetProperty("to").GetString());
            Assert.Equal(56, root.GetProperty("evaluationDays").GetInt32());
            foreach (var group in new[] { "total", "categories", "products" })
            {
                var methods = root.GetProperty("groups").GetProperty(group);
                foreach (var method in new[] { "model", "seasonal-naive", "moving-average-7" })
                {
                    var scores = methods.GetProperty(method);
                    Assert.True(scores.GetProperty("points").GetInt32() >= 56, $"{group}/{method}");
                    Assert.InRange(scores.GetProperty("coverage").GetDouble(), 0, 1);
                    Assert.InRange(scores.GetProperty("smape").GetDouble(), 0, 200);
                }
            }
            Assert.Contains("17,913 purchases", stderr, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "forecast.md")));
            Assert.True(new FileInfo(Path.Combine(output, "forecast-total.png")).Length > 10_000);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Evaluate_forecast_without_the_data_names_the_data_flag()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"journeys-no-data-{Guid.NewGuid():N}");

        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "evaluate", "--task", "forecast", "--data", missing);

        Assert.NotEqual(0, code);
        Assert.Contains("--data", stderr, StringComparison.Ordinal);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate --task forecast --model journeys.dll", "--task forecast takes no --model")]
    [InlineData("evaluate --task forecast --weeks 0", "--weeks must be between 1 and 52")]
    [InlineData("evaluate --task forecast --until 2016-13-01", "--until must be a date")]
    public void Flags_that_do_not_fit_the_forecast_task_are_refused(string args, string message)
    {
        var result = global::Journeys.CommandLine.JourneysCommandLine.Create().Parse(args);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }
}
