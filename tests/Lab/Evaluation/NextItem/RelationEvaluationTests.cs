using Journeys.Lab.Evaluation.NextItem;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Lab.Tests.Evaluation.NextItem;

public class RelationEvaluationTests
{
    [Fact]
    public void Every_prefix_of_a_session_predicts_the_item_after_it()
    {
        var cases = RelationEvaluation.PrefixCases([["a", "b", "c"], ["d"]]);

        Assert.Equal(2, cases.Count);
        Assert.Equal(["a"], cases[0].Prefix);
        Assert.Equal("b", cases[0].Target);
        Assert.Equal(["a", "b"], cases[1].Prefix);
        Assert.Equal("c", cases[1].Target);
    }

    [Fact]
    public void Relations_from_training_sessions_lift_a_target_the_model_missed()
    {
        // Training: after "a" comes "t" every time. The model ranks "t" nowhere; the relations know it.
        string[][] train = [["a", "t"], ["a", "t"], ["b", "c"]];
        var relations = RelationEvaluation.BuildRelations(train, RelationEvaluation.OfflineOptions());
        NextItemCase[] cases = [new(["a"], "t")];
        var modelTop = Enumerable.Range(0, 25).Select(i => new ScoredItem($"m{i}", 0.04f - (i * 0.001f))).ToArray();
        ModelCandidates[] candidates = [new(Ranking.Miss, modelTop)];

        var alone = RelationEvaluation.Score(cases, candidates, relations, new RelationBlendWeights(0, 0, 1, 5));
        var blended = RelationEvaluation.Score(cases, candidates, relations, new RelationBlendWeights(0.1, 0, 1, 5));
        var relationsOnly = RelationEvaluation.Score(cases, candidates, relations, new RelationBlendWeights(0.1, 0, 1, 5), withModel: false);

        Assert.Equal(0, alone.Hr20);
        Assert.Equal(1, blended.Hr20);
        Assert.Equal(1, blended.Mrr20);
        Assert.Equal(1, relationsOnly.Hr20);
    }

    [Fact]
    public void A_product_viewed_earlier_in_the_session_comes_back_through_the_recently_viewed_part()
    {
        // The shopper viewed "r", then "a", and returns to "r"; neither the model nor the relations put "r" anywhere.
        string[][] train = [["a", "t"], ["b", "c"]];
        var relations = RelationEvaluation.BuildRelations(train, RelationEvaluation.OfflineOptions());
        NextItemCase[] cases = [new(["r", "a"], "r"), new(["a"], "t")];
        var modelTop = Enumerable.Range(0, 25).Select(i => new ScoredItem($"m{i}", 0.04f - (i * 0.001f))).ToArray();
        ModelCandidates[] candidates = [new(Ranking.Miss, modelTop), new(Ranking.Miss, modelTop)];
        var weights = new RelationBlendWeights(0.1, 0, 1, 5);

        var without = RelationEvaluation.Score(cases, candidates, relations, weights);
        var with = RelationEvaluation.Score(cases, candidates, relations, weights with { RecentlyViewed = 0.1 });

        // Without it only the second case's "t" is found; with it "r" leads the first case's list too.
        Assert.Equal(0.5, without.Hr20);
        Assert.Equal(1, with.Hr20);
        Assert.Equal(1, with.Mrr20);
    }
}
