using Journeys.Lab.Pricing;
using Journeys.Scoring.Pricing;

namespace Journeys.Lab.Tests.Pricing;

public sealed class MarketSimulationTests
{
    private static readonly PricingOptions Pricing = new();

    [Fact]
    public void The_same_seed_builds_the_same_market_and_shoppers()
    {
        var a = new MarketSimulator(new MarketSimulationOptions(Seed: 5));
        var b = new MarketSimulator(new MarketSimulationOptions(Seed: 5));

        Assert.Equal(a.Products, b.Products);
        Assert.Equal(a.Shoppers(500, 2), b.Shoppers(500, 2));
        Assert.NotEqual(a.Shoppers(50, 1), a.Shoppers(50, 2));
    }

    [Fact]
    public void Session_signals_carry_information_about_the_latent_shopper()
    {
        var shoppers = new MarketSimulator(new MarketSimulationOptions(Seed: 9)).Shoppers(5_000, 1);

        Assert.True(Correlation(shoppers.Select(s => s.Conversion), shoppers.Select(s => s.Intent)) > 0.5);
        Assert.True(Correlation(shoppers.Select(s => s.Friction), shoppers.Select(s => Math.Log(s.Sensitivity))) > 0.5);
    }

    [Fact]
    public void Every_policy_meets_the_same_shoppers_and_the_oracle_bounds_them_all()
    {
        var result = MarketSimulation.Run(new MarketSimulationOptions(Seed: 3, Shoppers: 3_000, ExplorationShoppers: 3_000), Pricing);

        Assert.Equal([MarketSimulation.List, MarketSimulation.Untrained, MarketSimulation.Journeys, MarketSimulation.Oracle], result.Policies.Select(p => p.Name));
        Assert.All(result.Policies, p => Assert.Equal(3_000, p.Shoppers));
        var oracle = result.Policies.Single(p => p.Name == MarketSimulation.Oracle);
        Assert.All(result.Policies, p => Assert.True(oracle.ExpectedProfit >= p.ExpectedProfit - 1e-6, p.Name));
        Assert.Equal(0, result.Policies.Single(p => p.Name == MarketSimulation.List).MeanDiscount);
        Assert.Equal(3_000, result.Fitted.Record.TrainingRows);
    }

    [Fact]
    public void Where_list_prices_are_too_high_the_fitted_optimizer_discounts_and_earns_more_than_list()
    {
        // List prices 25 % above what the median shopper would pay: discounts pay, and the log shows it.
        var result = MarketSimulation.Run(new MarketSimulationOptions(Seed: 11, Shoppers: 5_000, ExplorationShoppers: 5_000, WtpMean: -0.25), Pricing);
        var list = result.Policies.Single(p => p.Name == MarketSimulation.List);
        var journeys = result.Policies.Single(p => p.Name == MarketSimulation.Journeys);

        Assert.True(journeys.MeanDiscount > 0.02, $"mean discount {journeys.MeanDiscount}");
        Assert.True(journeys.ExpectedProfit > list.ExpectedProfit, $"journeys {journeys.ExpectedProfit} vs list {list.ExpectedProfit}");
        Assert.True(result.Fitted.Record.Elasticity.LogitPerLogPrice < 0);
    }

    [Fact]
    public void The_report_has_a_row_per_policy_a_chart_and_a_json_line()
    {
        var result = MarketSimulation.Run(new MarketSimulationOptions(Seed: 3, Shoppers: 500, ExplorationShoppers: 500), Pricing);
        var folder = Path.Combine(Path.GetTempPath(), $"pricing-report-{Guid.NewGuid():N}");
        try
        {
            var path = MarketSimulationReport.Write(folder, result);
            var markdown = File.ReadAllText(path);
            Assert.All(result.Policies, p => Assert.Contains($"| {p.Name} |", markdown, StringComparison.Ordinal));
            Assert.True(new FileInfo(Path.Combine(folder, MarketSimulationReport.ChartFileName)).Length > 1000);
            var json = MarketSimulationReport.ToJson(result);
            Assert.Equal("pricing", (string?)json["task"]);
            Assert.NotNull(json["policies"]!["oracle"]!["profit"]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static double Correlation(IEnumerable<double> xs, IEnumerable<double> ys)
    {
        var x = xs.ToArray();
        var y = ys.ToArray();
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
