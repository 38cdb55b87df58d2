using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

public class RelationBlendTests
{
    private static readonly ScoredItem[] ModelTop = [new("X", 0.5f), new("Y", 0.3f), new("Z", 0.1f)];

    private static Func<string, IReadOnlyList<RelatedItem>> Lookup(Dictionary<string, RelatedItem[]> relations) =>
        id => relations.TryGetValue(id, out var list) ? list : [];

    [Fact]
    public void Without_relations_the_model_order_stands_and_every_reason_is_the_model()
    {
        var blended = RelationBlend.Blend(ModelTop, ["A"], Lookup([]), new RelationBlendWeights(1, 1, 0.5, 5), 10);

        Assert.Equal(["X", "Y", "Z"], blended.Select(b => b.ProductId));
        Assert.All(blended, b => Assert.Equal(RelationBlend.ModelReason, b.Reason));
        // Scores are the mixture's: the model's probability over 1 + 1 + 1.
        Assert.Equal(0.5f / 3, blended[0].Score, 6);
    }

    [Fact]
    public void A_related_item_enters_with_its_relation_as_the_reason_and_mixes_with_the_model()
    {
        var relations = new Dictionary<string, RelatedItem[]>
        {
            ["A"] = [new("W", 0.75f, RelationKind.CoView, true), new("Y", 0.25f, RelationKind.CoView, false)],
        };
        ScoredItem[] model = [new("X", 0.5f), new("Y", 0.25f), new("Z", 0.125f)];

        var blended = RelationBlend.Blend(model, ["A"], Lookup(relations), new RelationBlendWeights(1, 0, 0.5, 5), 10);

        // (p + 1 · share) / 2: W 0.375, X 0.25, Y 0.125 + 0.125 (a tie with X: model order), Z 0.0625.
        Assert.Equal(["W", "X", "Y", "Z"], blended.Select(b => b.ProductId));
        Assert.Equal(0.375f, blended[0].Score, 6);
        Assert.Equal(RelationBlend.CoViewReason, blended[0].Reason);
        Assert.Equal(0.25f, blended[2].Score, 6);
        // Model and co-view contribute equally to Y: ties go to the model.
        Assert.Equal(RelationBlend.ModelReason, blended[2].Reason);
    }

    [Fact]
    public void Recent_items_speak_by_recency_and_repeats_are_skipped()
    {
        var relations = new Dictionary<string, RelatedItem[]>
        {
            ["A"] = [new("P", 1f, RelationKind.CoView, false)],
            ["B"] = [new("Q", 1f, RelationKind.CoView, false)],
            ["C"] = [new("R", 1f, RelationKind.CoView, false)],
        };

        // A, A, B, C with two recent items: A (weight 1) and B (0.5), normalized to 2/3 and 1/3; C is not used.
        var blended = RelationBlend.Blend([], ["A", "A", "B", "C"], Lookup(relations), new RelationBlendWeights(1, 0, 0.5, 2), 10);

        Assert.Equal(["P", "Q"], blended.Select(b => b.ProductId));
        Assert.Equal(2f / 3 / 2, blended[0].Score, 6);
        Assert.Equal(1f / 3 / 2, blended[1].Score, 6);
    }

    [Fact]
    public void Each_relation_kind_has_its_own_weight_and_reason()
    {
        var relations = new Dictionary<string, RelatedItem[]>
        {
            ["A"] = [new("V", 1f, RelationKind.CoView, false), new("C", 1f, RelationKind.CoPurchase, false)],
        };

        var blended = RelationBlend.Blend([], ["A"], Lookup(relations), new RelationBlendWeights(0.5, 2, 1, 5), 10);

        Assert.Equal(["C", "V"], blended.Select(b => b.ProductId));
        Assert.Equal(RelationBlend.CoPurchaseReason, blended[0].Reason);
        Assert.Equal(RelationBlend.CoViewReason, blended[1].Reason);
        Assert.Equal(2f / 3.5f, blended[0].Score, 6);
    }

    [Fact]
    public void A_relation_weight_of_zero_leaves_the_model_alone_and_adds_no_candidates()
    {
        var relations = new Dictionary<string, RelatedItem[]> { ["A"] = [new("W", 1f, RelationKind.CoView, false)] };

        var blended = RelationBlend.Blend(ModelTop, ["A"], Lookup(relations), new RelationBlendWeights(0, 0, 1, 5), 2);

        Assert.Equal(["X", "Y"], blended.Select(b => b.ProductId));
    }

    [Theory]
    [InlineData(-0.1, 0, 0.5, 5)]
    [InlineData(0.1, double.NaN, 0.5, 5)]
    [InlineData(0.1, 0, 0, 5)]
    [InlineData(0.1, 0, 0.5, 0)]
    public void Invalid_weights_are_refused(double coView, double coPurchase, double decay, int recent)
    {
        Assert.Throws<ArgumentException>(() => RelationBlend.Blend(ModelTop, ["A"], Lookup([]), new RelationBlendWeights(coView, coPurchase, decay, recent), 10));
    }
}
