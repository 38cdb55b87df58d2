using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary><c>journeys evaluate --task pricing</c> as a user runs it: a child process, its exit code, output and files.</summary>
public sealed class EvaluatePricingTaskTests
{
    [Fact]
    public async Task Pricing_compares_every_policy_on_the_same_shoppers_and_writes_its_report()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"journeys-pricing-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(2), "evaluate", "--task", "pricing", "--shoppers", "400", "--seed", "7",
                "--out", folder, "--json");

            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            Assert.Contains("exploration:", stderr, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
            var root = json.RootElement;
            Assert.Equal("pricing", root.GetProperty("task").GetString());
            Assert.Equal(400, root.GetProperty("shoppers").GetInt32());
            var policies = root.GetProperty("policies");
            foreach (var name in new[] { "list", "untrained", "journeys", "oracle" })
            {
                var policy = policies.GetProperty(name);
                Assert.InRange(policy.GetProperty("conversion").GetDouble(), 0, 1);
                Assert.InRange(policy.GetProperty("meanDiscount").GetDouble(), 0, 1);
            }
            Assert.True(policies.GetProperty("oracle").GetProperty("expectedProfit").GetDouble()
                >= policies.GetProperty("list").GetProperty("expectedProfit").GetDouble());
            Assert.True(File.Exists(Path.Combine(folder, "report-pricing.md")));
            Assert.True(File.Exists(Path.Combine(folder, "pricing.png")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Pricing_refuses_a_dataset_because_it_runs_on_the_simulated_market()
    {
        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "evaluate", "--task", "pricing", "--dataset", "rees46");

        Assert.NotEqual(0, code);
        Assert.Contains("simulated market", stderr, StringComparison.Ordinal);
    }
}
