using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

public sealed class DemandModelTests
{
    private static readonly DemandProvenance Provenance = new("test rows", "abc", "session-v1", PricingFixtures.Now);

    // Rows from a known logistic demand: logit P = −1 + ownSlope·ln(p/list) + logit(conversion); prices drawn within
    // [0.7, 1] × list when varied, else at list. List prices spread over two decades in 4 categories.
    private static List<DemandObservation> Rows(int n, double ownSlope, bool varyPrices, int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<DemandObservation>(n);
        for (var i = 0; i < n; i++)
        {
            var product = random.Next(200);
            var list = 5 * Math.Pow(100, (product % 50) / 50.0);
            var price = varyPrices ? list * (0.7 + (0.3 * random.NextDouble())) : list;
            var conversion = 0.02 + (0.5 * random.NextDouble());
            var friction = random.NextDouble();
            var z = -1 + (ownSlope * Math.Log(price / list)) + DemandModel.Logit(conversion);
            rows.Add(new DemandObservation($"p{product}", $"c{product % 4}", price, list, conversion, friction,
                random.NextDouble() < 1 / (1 + Math.Exp(-z))));
        }
        return rows;
    }

    [Fact]
    public void Where_prices_vary_within_products_the_own_price_slope_is_learned()
    {
        var model = DemandModel.Fit(Rows(20_000, ownSlope: -3, varyPrices: true), Provenance);

        Assert.Equal("within-product", model.Record.Identification);
        Assert.InRange(model.Record.Coefficients[0], -3.8, -2.2);
        Assert.InRange(model.Record.Elasticity.LogitPerLogPrice, -3.6, -2.4);
        Assert.True(model.Record.Elasticity.PriceElasticity < 0);
        Assert.Contains("vary within products", model.Record.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_price_changes_the_slope_is_borrowed_across_products_and_the_record_says_so()
    {
        var model = DemandModel.Fit(Rows(5_000, ownSlope: -3, varyPrices: false), Provenance);
        var r = model.Record;

        Assert.Equal("across-products", r.Identification);
        Assert.Equal(0, r.PriceVariation.ProductsWithPriceChange);
        Assert.Equal(r.Coefficients[3] + r.Coefficients[4], r.Coefficients[0], 12);
        Assert.Equal(0, r.Coefficients[1]);
        Assert.Equal(0, r.Coefficients[2]);
        Assert.Contains("identified only across products", r.Note, StringComparison.Ordinal);
        // At list price nothing is borrowed: ln(p/list) = 0.
        Assert.Equal(r.Elasticity.AcrossProducts, r.Elasticity.LogitPerLogPrice, 12);
    }

    [Fact]
    public void Category_references_are_medians_of_list_prices_and_need_three_products()
    {
        DemandObservation Row(string product, string category, double list) => new(product, category, list, list, 0.1, 0.1, false);
        var references = DemandModel.CategoryReferences(
            [Row("a", "x", 10), Row("b", "x", 30), Row("c", "x", 20), Row("a", "x", 10), Row("d", "y", 5), Row("e", "y", 7)]);

        Assert.Equal(20, references["x"]);
        Assert.False(references.ContainsKey("y"));
    }

    [Fact]
    public void The_file_round_trips_and_names_its_version_and_data()
    {
        var model = DemandModel.Fit(Rows(3_000, ownSlope: -2, varyPrices: true), Provenance);
        var path = Path.Combine(Path.GetTempPath(), $"demand-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = DemandModel.Load(path);

            Assert.Equal(model.Version, loaded.Version);
            Assert.Equal("abc", loaded.Record.DataSha256);
            Assert.StartsWith("demand-20250301-", loaded.Version, StringComparison.Ordinal);
            Assert.Equal(model.Probability(42, 50, "c1", 0.1, 0.4), loaded.Probability(42, 50, "c1", 0.1, 0.4), 15);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_of_another_format_is_refused_with_the_fix()
    {
        var record = PricingFixtures.Demand(-1).Record with { FormatVersion = 99 };

        var e = Assert.Throws<InvalidDataException>(() => DemandModel.FromRecord(record));
        Assert.Contains("journeys train --task demand", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_one_class_cannot_make_a_demand_model()
    {
        var rows = Rows(100, -2, true).Select(r => r with { Purchased = false }).ToList();

        Assert.Throws<InvalidOperationException>(() => DemandModel.Fit(rows, Provenance));
    }

    [Fact]
    public void The_untrained_model_is_the_same_for_the_same_seed()
    {
        Assert.Equal(DemandModel.Seeded(3).Record.Coefficients, DemandModel.Seeded(3).Record.Coefficients);
        Assert.NotEqual(DemandModel.Seeded(3).Record.Coefficients, DemandModel.Seeded(4).Record.Coefficients);
        Assert.Equal("untrained", DemandModel.Seeded(3).Record.Identification);
    }
}
