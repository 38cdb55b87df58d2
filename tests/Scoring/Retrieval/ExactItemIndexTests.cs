using Journeys.Scoring.Retrieval;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Retrieval;

public sealed class ExactItemIndexTests
{
    [Fact]
    public void Exact_search_is_bitwise_the_models_own_next_item_scoring()
    {
        using var model = Seeded(products: 300);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var embeddings = torch.randn([45, model.Metadata.Dimensions.ItemEmbeddingSize], generator: new torch.Generator(5));

        var (probabilities, indices) = model.Network.TopNextItems(embeddings, 12);
        var found = new ExactItemIndex(model.Network.ItemTable).Search(embeddings, 12);

        Assert.Equal(IvfItemIndexTests.Longs(indices), IvfItemIndexTests.Longs(found.Indices));
        Assert.Equal(IvfItemIndexTests.Floats(probabilities), IvfItemIndexTests.Floats(found.Probabilities()));
    }

    [Fact]
    public void Recall_of_a_search_against_itself_is_1_and_of_disjoint_results_0()
    {
        long[] exact = [1, 2, 3, 4, 5, 6];
        Assert.Equal(1.0, RetrievalRecall.Of(exact, [3, 2, 1, 6, 5, 4], 3));
        Assert.Equal(0.0, RetrievalRecall.Of(exact, [7, 8, 9, 10, 11, 12], 3));
        Assert.Equal(0.5, RetrievalRecall.Of(exact, [1, 2, 9, 4, 11, 12], 3), 6);
    }
}
