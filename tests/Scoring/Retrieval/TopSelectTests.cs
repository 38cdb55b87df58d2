using Journeys.Scoring.Retrieval;

namespace Journeys.Scoring.Tests.Retrieval;

public sealed class TopSelectTests
{
    [Fact]
    public void Keys_round_trip_scores_and_ids_and_order_like_the_heap()
    {
        float[] scores = [float.NegativeInfinity, -3.5f, -0f, 0f, 1e-30f, 2.5f, float.MaxValue, float.PositiveInfinity];
        foreach (var s in scores)
        {
            Assert.Equal(s, TopSelect.Score(TopSelect.Key(s, 7)));
            Assert.Equal(7, TopSelect.Id(TopSelect.Key(s, 7)));
        }
        // Higher score first; on equal scores the lower id first.
        Assert.True(TopSelect.Key(2f, 9) < TopSelect.Key(1f, 1));
        Assert.True(TopSelect.Key(1f, 1) < TopSelect.Key(1f, 2));
        Assert.True(TopSelect.Key(-1f, 1) < TopSelect.Key(-2f, 1));
    }

    [Fact]
    public void Selects_exactly_what_the_heap_keeps_in_its_order_ties_included()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 500; trial++)
        {
            var n = random.Next(1, 900);
            var k = random.Next(1, 120);
            // Few distinct scores so that ties are common.
            var pairs = Enumerable.Range(0, n).Select(i => ((float)Math.Round(random.NextDouble() * 20) - 10, random.Next(1_000_000) * 1000 + i)).ToArray();
            var heap = new TopHeap(k);
            foreach (var (score, id) in pairs) heap.Offer(score, id);
            var heapScores = new float[k];
            var heapIds = new int[k];
            var kept = heap.Drain(heapScores, heapIds);

            var keys = pairs.Select(p => TopSelect.Key(p.Item1, p.Item2)).ToArray();
            var best = TopSelect.Best(keys, k);

            Assert.Equal(kept, best);
            Assert.Equal(heapIds[..kept], keys[..best].Select(TopSelect.Id));
            Assert.Equal(heapScores[..kept], keys[..best].Select(TopSelect.Score));
        }
    }
}
