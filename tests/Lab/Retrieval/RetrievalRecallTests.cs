using Journeys.Lab.Retrieval;

namespace Journeys.Lab.Tests.Retrieval;

public sealed class RetrievalRecallTests
{
    [Fact]
    public void Recall_of_a_search_against_itself_is_1_and_of_disjoint_results_0()
    {
        long[] exact = [1, 2, 3, 4, 5, 6];
        Assert.Equal(1.0, RetrievalRecall.Of(exact, [3, 2, 1, 6, 5, 4], 3));
        Assert.Equal(0.0, RetrievalRecall.Of(exact, [7, 8, 9, 10, 11, 12], 3));
        Assert.Equal(0.5, RetrievalRecall.Of(exact, [1, 2, 9, 4, 11, 12], 3), 6);
    }
}
