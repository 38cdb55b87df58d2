using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

public sealed class RelationBlendRecentlyViewedTests
{
    private static readonly ScoredItem[] ModelTop = [new("X", 0.5f), new("Y", 0.3f), new("Z", 0.1f)];

    private static readonly Dictionary<string, RelatedItem[]> Relations = new()
    {
        ["A"] = [new("W", 0.75f, RelationKind.CoView, true), new("Y", 0.25f, RelationKind.CoView, false)],
    };

    private static IReadOnlyList<RelatedItem> Related(string id) => Relations.TryGetValue(id, out var list) ? list : [];

    private static RelationBlendWeights Weights(double viewed, double decay = 0.5) =>
        new(0.5, 0, 0.5, 5) { RecentlyViewed = viewed, RecentlyViewedDecay = decay };

    [Fact]
    public void With_a_zero_weight_the_session_history_changes_nothing()
    {
        var plain = RelationBlend.Blend(ModelTop, ["A", "B", "C"], Related, new RelationBlendWeights(0.5, 0, 0.5, 5), 10);
        var zero = RelationBlend.Blend(ModelTop, ["A", "B", "C"], Related, Weights(0), 10);

        Assert.Equal(plain, zero);
        Assert.DoesNotContain(zero, b => b.ProductId is "B" or "C");
    }

    [Fact]
    public void A_session_of_one_product_blends_exactly_as_without_the_weight()
    {
        var plain = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(0), 10);
        var one = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(2), 10);

        Assert.Equal(plain, one);
    }

    [Fact]
    public void Earlier_products_enter_by_recency_with_repeats_adding_up_and_the_latest_left_out()
    {
        // Most recent first: A is on screen; B, C and B again were viewed before it.
        var blended = RelationBlend.Blend(ModelTop, ["A", "B", "C", "B"], Related, Weights(1, decay: 0.5), 20);

        // Norm 1 / (1 + 0.5 + 1); the earlier clicks weigh 1, 0.5, 0.25 before normalization (sum 1.75).
        const double norm = 1 / 2.5;
        var b = blended.Single(i => i.ProductId == "B");
        Assert.Equal((float)(norm * ((1 / 1.75) + (0.25 / 1.75))), b.Score, 6);
        Assert.Equal(RelationBlend.RecentlyViewedReason, b.Reason);
        Assert.Equal((float)(norm * 0.5 / 1.75), blended.Single(i => i.ProductId == "C").Score, 6);
        Assert.DoesNotContain(blended, i => i.ProductId == "A");
        // The model's own items keep their share of the smaller norm.
        Assert.Equal((float)(norm * 0.5), blended.Single(i => i.ProductId == "X").Score, 6);
        Assert.Equal(blended.OrderByDescending(i => i.Score).Select(i => i.ProductId), blended.Select(i => i.ProductId));
    }

    [Fact]
    public void A_product_the_model_also_ranks_keeps_the_model_as_its_reason_when_the_model_gives_more()
    {
        var blended = RelationBlend.Blend(ModelTop, ["A", "X"], Related, Weights(0.1), 20);

        var x = blended.Single(i => i.ProductId == "X");
        Assert.Equal(RelationBlend.ModelReason, x.Reason);
        Assert.Equal((float)((0.5 / 1.6) + (0.1 / 1.6)), x.Score, 6);
    }

    [Theory]
    [InlineData(-1, 0.5, "recently-viewed weight")]
    [InlineData(double.NaN, 0.5, "recently-viewed weight")]
    [InlineData(1, 0, "recently-viewed decay")]
    [InlineData(1, 1.5, "recently-viewed decay")]
    public void Invalid_recently_viewed_settings_are_refused(double viewed, double decay, string named)
    {
        Assert.Contains(named, Weights(viewed, decay).Problem(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RelationBlend.Blend(ModelTop, ["A", "B"], Related, Weights(viewed, decay), 10));
    }

    [Fact]
    public void Configured_recently_viewed_settings_win_over_the_model_files()
    {
        var fromModel = new RelationBlendWeights(0.2, 0.2, 0.5, 5) { RecentlyViewed = 0.4, RecentlyViewedDecay = 0.9 };

        var configured = new RecommendationOptions { RecentlyViewedWeight = 0 }.BlendWeights(fromModel);
        var unset = new RecommendationOptions().BlendWeights(fromModel);

        Assert.Equal(0, configured.RecentlyViewed);
        Assert.Equal(0.9, configured.RecentlyViewedDecay);
        Assert.Equal(fromModel, unset);
    }
}
