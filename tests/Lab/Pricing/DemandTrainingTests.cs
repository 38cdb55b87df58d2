using Journeys.Contracts.Events;
using Journeys.Lab.Pricing;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Tests;

namespace Journeys.Lab.Tests.Pricing;

public sealed class DemandTrainingTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ClickEvent Click(int second, ClickType type, string product, double? price) =>
        new($"e{second}", "s1", null, Now.AddSeconds(second), type, product, "c1", price);

    [Fact]
    public void One_row_per_viewed_product_at_its_first_view_labelled_by_a_later_purchase()
    {
        ClickEvent[] session =
        [
            Click(0, ClickType.ProductView, "a", 10),
            Click(1, ClickType.ProductView, "b", 20),
            Click(2, ClickType.ProductView, "a", 10),
            Click(3, ClickType.ProductView, "z", 0),
            Click(4, ClickType.Purchase, "a", 10),
        ];

        var rows = DemandTraining.Observations(session, [0.1f, 0.2f, 0.3f, 0.4f, 0.5f], [0.5f, 0.4f, 0.3f, 0.2f, 0.1f]);

        Assert.Equal(2, rows.Count);
        Assert.Equal(("a", 10.0, true), (rows[0].ProductId, rows[0].Price, rows[0].Purchased));
        Assert.Equal(0.1, rows[0].Conversion, 6);
        Assert.Equal(("b", false), (rows[1].ProductId, rows[1].Purchased));
        Assert.Equal(0.4, rows[1].Friction, 6);
    }

    [Fact]
    public void A_purchase_before_the_first_view_is_not_a_response_to_that_view()
    {
        ClickEvent[] session = [Click(0, ClickType.Purchase, "a", 10), Click(1, ClickType.ProductView, "a", 10)];

        var rows = DemandTraining.Observations(session, [0.1f, 0.1f], [0.1f, 0.1f]);

        Assert.False(Assert.Single(rows).Purchased);
    }

    [Fact]
    public void On_the_bundled_REES46_sample_prices_never_change_within_a_product_so_the_elasticity_is_cross_product()
    {
        // A constant "session model" keeps this fast; the check under test is about the data's prices, not the model.
        var model = DemandTraining.Run(OutcomeData.Rees46, s => (Enumerable.Repeat(0.05f, s.Count).ToArray(), Enumerable.Repeat(0.1f, s.Count).ToArray()),
            new DemandProvenance("rees46 sample", null, null, Now));
        var r = model.Record;

        Assert.Equal("across-products", r.Identification);
        Assert.Equal(0, r.PriceVariation.ProductsWithPriceChange);
        Assert.True(r.PriceVariation.Products > 6_000);
        Assert.NotNull(r.Evaluation);
        Assert.True(r.Evaluation.TestRows > 0 && r.Evaluation.TrainPurchases > 0);
        Assert.Equal(r.TrainingRows, r.Evaluation.TrainRows);
    }

    [Fact]
    public void The_AUC_standard_error_matches_Hanley_and_McNeil_and_shrinks_with_more_purchases()
    {
        // A = 0.8, 50 positives, 50 negatives: Q1 = 0.8/1.2, Q2 = 1.28/1.8, so s.e. = √(0.16 + 49·(Q1 − 0.64) + 49·(Q2 − 0.64)) / 50 = 0.0445.
        Assert.Equal(0.0445, DemandTraining.AucStandardError(0.8, 50, 50), 4);
        Assert.True(DemandTraining.AucStandardError(0.7, 18, 1_800) > DemandTraining.AucStandardError(0.7, 180, 1_800));
        Assert.True(double.IsNaN(DemandTraining.AucStandardError(0.7, 0, 10)));
    }
}
