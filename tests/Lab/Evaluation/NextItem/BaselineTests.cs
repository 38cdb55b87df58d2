using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Lab.Tests.Evaluation.NextItem;

public sealed class BaselineTests
{
    private static readonly IReadOnlyList<int[]> Train = [[1, 2, 3], [1, 2], [2, 3], [4, 1, 2], [3, 3, 3]];

    private static float[] Scores(INextItemBaseline baseline, params int[] prefix)
    {
        baseline.Fit(Train, itemCount: 5);
        var scores = new float[6];
        baseline.Score(prefix, scores);
        return scores;
    }

    [Fact]
    public void Pop_ranks_by_training_clicks()
    {
        var s = Scores(new PopBaseline(), 4);
        Assert.Equal([0f, 3f, 4f, 5f, 1f, 0f], s);
    }

    [Fact]
    public void SPop_puts_the_session_items_first_then_popularity()
    {
        var s = Scores(new SPopBaseline(), 4, 4, 1);
        Assert.Equal(1, Ranking.RankOf(s, 4));
        Assert.Equal(2, Ranking.RankOf(s, 1));
        Assert.Equal(3, Ranking.RankOf(s, 3));
    }

    [Fact]
    public void ItemKnn_scores_co_occurring_items_of_the_last_click()
    {
        var s = Scores(new ItemKnnBaseline(lambda: 0), 3, 4);
        // Item 4 appears only with 1 and 2: cosine 1/√(1·3) and 1/√(1·4).
        Assert.Equal((float)(1 / Math.Sqrt(3)), s[1], 5);
        Assert.Equal(0.5f, s[2], 5);
        Assert.Equal(0f, s[3]);
        Assert.Equal(0f, s[4]);
    }

    [Fact]
    public void Sknn_sums_cosine_similarities_of_neighbour_sessions()
    {
        var s = Scores(new SknnBaseline(), 4);
        // Only session [4,1,2] shares item 4: cosine 1/√(1·3).
        var sim = (float)(1 / Math.Sqrt(3));
        Assert.Equal(sim, s[1], 5);
        Assert.Equal(sim, s[2], 5);
        Assert.Equal(0f, s[3]);
    }

    [Fact]
    public void Vsknn_weights_recent_clicks_more()
    {
        var s = Scores(new VsknnBaseline(), 4, 3);
        // Neighbours of the last click (3) outvote those of the earlier one (4) for their items.
        Assert.True(s[3] > s[4]);
        Assert.True(s[2] > 0);
    }
}
