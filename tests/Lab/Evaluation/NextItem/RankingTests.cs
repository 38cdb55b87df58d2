using Journeys.Lab.Evaluation.NextItem;
using TorchSharp;

namespace Journeys.Lab.Tests.Evaluation.NextItem;

public sealed class RankingTests
{
    [Fact]
    public void Rank_counts_higher_scores_and_ties_at_lower_indices_only()
    {
        // index:            0     1    2    3    4    5
        float[] scores = [99f, 0.5f, 0.9f, 0.5f, 0.1f, 0.5f];

        Assert.Equal(1, Ranking.RankOf(scores, 2));
        Assert.Equal(2, Ranking.RankOf(scores, 1)); // item 2 above; ties 3 and 5 come after it
        Assert.Equal(3, Ranking.RankOf(scores, 3)); // 2 above, tie 1 before it
        Assert.Equal(4, Ranking.RankOf(scores, 5)); // 2 above, ties 1 and 3 before it
        Assert.Equal(5, Ranking.RankOf(scores, 4)); // index 0 never competes
    }

    [Fact]
    public void A_target_outside_the_vocabulary_is_a_miss()
    {
        float[] scores = [0f, 1f, 2f];
        Assert.Equal(Ranking.Miss, Ranking.RankOf(scores, 0));
        Assert.Equal(Ranking.Miss, Ranking.RankOf(scores, 3));
    }

    [Fact]
    public void Batched_tensor_ranks_equal_the_scalar_ranks()
    {
        var random = new Random(5);
        const int rows = 7;
        const int columns = 30;
        // Few distinct values, so ties are everywhere.
        var scores = Enumerable.Range(0, rows * columns).Select(_ => (float)random.Next(4)).ToArray();
        var targets = Enumerable.Range(0, rows).Select(i => (long)(i == 0 ? 0 : random.Next(1, columns))).ToArray();
        using var scope = torch.NewDisposeScope();

        var ranks = Ranking.RanksOf(torch.tensor(scores, rows, columns), torch.tensor(targets));

        for (var r = 0; r < rows; r++)
            Assert.Equal(Ranking.RankOf(scores.AsSpan(r * columns, columns), (int)targets[r]), ranks[r]);
    }

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        var metrics = new RankMetrics();
        metrics.AddRange([1, 4, 15, 25, Ranking.Miss]);

        var s = metrics.Scores;
        Assert.Equal(5, s.Cases);
        Assert.Equal(3 / 5.0, s.Hr20, 12);
        Assert.Equal((1 + 0.25 + (1 / 15.0)) / 5, s.Mrr20, 12);
        Assert.Equal(2 / 5.0, s.Hr10, 12);
        Assert.Equal((1 + 0.25) / 5, s.Mrr10, 12);
    }

    [Fact]
    public void Top_lists_items_in_the_order_rank_of_ranks_them()
    {
        var random = new Random(11);
        // Few distinct values, so ties are everywhere; one NaN that must never be listed.
        var scores = Enumerable.Range(0, 60).Select(_ => (float)random.Next(5)).ToArray();
        scores[7] = float.NaN;
        var top = new int[20];

        var n = Ranking.Top(scores, top);

        Assert.Equal(20, n);
        for (var r = 0; r < n; r++) Assert.Equal(r + 1, Ranking.RankOf(scores, top[r]));
    }

    [Fact]
    public void Top_of_fewer_items_than_asked_lists_them_all()
    {
        float[] scores = [5f, 1f, 3f];
        var top = new int[20];

        Assert.Equal(2, Ranking.Top(scores, top));
        Assert.Equal([2, 1], top[..2]);
    }
}
