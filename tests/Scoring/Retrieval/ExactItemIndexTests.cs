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
}
