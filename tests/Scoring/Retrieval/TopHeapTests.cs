using Journeys.Scoring.Retrieval;

namespace Journeys.Scoring.Tests.Retrieval;

public sealed class TopHeapTests
{
    [Fact]
    public void Keeps_the_best_scores_best_first_with_ties_to_the_lower_id_whatever_the_arrival_order()
    {
        (float Score, int Id)[] pairs = [(1f, 9), (3f, 4), (3f, 2), (0.5f, 1), (2f, 7), (3f, 8), (2f, 3)];
        var random = new Random(1);
        for (var round = 0; round < 20; round++)
        {
            var heap = new TopHeap(4);
            foreach (var (score, id) in pairs.OrderBy(_ => random.Next())) heap.Offer(score, id);
            var scores = new float[4];
            var ids = new int[4];

            Assert.Equal(4, heap.Drain(scores, ids));
            Assert.Equal([3f, 3f, 3f, 2f], scores);
            Assert.Equal([2, 4, 8, 3], ids);
            Assert.Equal(0, heap.Count);
        }
    }
}
