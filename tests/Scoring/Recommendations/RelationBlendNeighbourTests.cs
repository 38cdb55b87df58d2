using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

public sealed class RelationBlendNeighbourTests
{
    private static readonly ScoredItem[] ModelTop = [new("X", 0.5f), new("Y", 0.3f), new("Z", 0.1f)];

    private static readonly Dictionary<string, RelatedItem[]> Relations = new()
    {
        ["A"] = [new("W", 0.75f, RelationKind.CoView, true), new("Y", 0.25f, RelationKind.CoPurchase, false)],
    };

    private static IReadOnlyList<RelatedItem> Related(string id) => Relations.TryGetValue(id, out var list) ? list : [];

    /// <summary>Two earlier sessions clicked A then N, one A then Y; the live session "me" clicked A then M.</summary>
    private static SessionNeighbourSnapshot Neighbours()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions());
        index.Seed([["A", "N"], ["A", "N"], ["A", "Y"]]);
        index.Add("me", "A");
        index.Add("me", "M");
        return index.Snapshot();
    }

    private static RelationBlendWeights Weights(double neighbours) => new(0.5, 0.5, 0.5, 5) { SessionNeighbours = neighbours };

    [Fact]
    public void With_a_zero_weight_the_neighbours_change_nothing()
    {
        var plain = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(0), 10);
        var withView = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(0), 10, Neighbours(), "me");

        Assert.Equal(plain, withView);
    }

    [Fact]
    public void A_session_without_neighbour_candidates_blends_exactly_as_without_the_weight()
    {
        var plain = RelationBlend.Blend(ModelTop, ["B"], Related, Weights(0), 10);
        var unknown = RelationBlend.Blend(ModelTop, ["B"], Related, Weights(3), 10, Neighbours(), "me");
        var noView = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(3), 10);

        Assert.Equal(plain, unknown);
        Assert.Equal(RelationBlend.Blend(ModelTop, ["A"], Related, Weights(0), 10), noView);
    }

    [Fact]
    public void Neighbour_candidates_mix_in_with_their_share_and_say_so()
    {
        var neighbours = Neighbours();
        var q = neighbours.Score(["A"], "me").ToDictionary(s => s.ProductId, s => (double)s.Score);
        var total = q.Values.Sum();

        var blended = RelationBlend.Blend(ModelTop, ["A"], Related, Weights(2), 20, neighbours, "me");

        // Norm 1 / (1 + 0.5 + 0.5 + 2); N is only the neighbours' (A, N, Y from the seeded sessions; M is my own click).
        var n = Assert.Single(blended, b => b.ProductId == "N");
        Assert.Equal((float)(2 * (q["N"] / total) / 4), n.Score, 6);
        Assert.Equal(RelationBlend.SessionNeighboursReason, n.Reason);
        Assert.DoesNotContain(blended, b => b.ProductId == "M");
        // X is the model's alone; Y gathers model, co-purchase and neighbours.
        Assert.Equal(0.5f / 4, blended.Single(b => b.ProductId == "X").Score, 6);
        var y = blended.Single(b => b.ProductId == "Y");
        Assert.Equal((float)((0.3 / 4) + (0.5 * 0.25 / 4) + (2 * (q["Y"] / total) / 4)), y.Score, 6);
        Assert.Equal(blended.OrderByDescending(b => b.Score).Select(b => b.ProductId), blended.Select(b => b.ProductId));
    }

    [Fact]
    public void The_blend_is_the_same_call_after_call()
    {
        var neighbours = Neighbours();

        var first = RelationBlend.Blend(ModelTop, ["A", "B", "A"], Related, Weights(1), 20, neighbours, "me");
        var again = RelationBlend.Blend(ModelTop, ["A", "B", "A"], Related, Weights(1), 20, neighbours, "me");

        Assert.Equal(first, again);
    }

    [Fact]
    public void A_negative_neighbour_weight_is_refused()
    {
        Assert.Contains("session-neighbour", Weights(-1).Problem(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RelationBlend.Blend(ModelTop, ["A"], Related, Weights(double.NaN), 10));
    }
}
