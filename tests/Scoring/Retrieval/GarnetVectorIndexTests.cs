using Journeys.Scoring.Retrieval;
using StackExchange.Redis;
using TorchSharp;
using static Journeys.Scoring.Tests.Retrieval.IvfItemIndexTests;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>The Garnet vector-set index against exact search, on an embedded Garnet and a small synthetic catalog.</summary>
public sealed class GarnetVectorIndexTests : IDisposable
{
    private const int K = 10;
    private readonly VectorGarnet garnet = new();
    private readonly ConnectionMultiplexer connection;
    private readonly torch.Tensor items;
    private readonly torch.Tensor queries;

    public GarnetVectorIndexTests()
    {
        connection = ConnectionMultiplexer.Connect(garnet.Endpoint);
        (items, queries) = SyntheticCatalog.Create(items: 1_500, dimensions: 16, clusters: 20, queries: 100, seed: 9);
    }

    public void Dispose()
    {
        items.Dispose();
        queries.Dispose();
        connection.Dispose();
        garnet.Dispose();
    }

    [Theory]
    [InlineData(GarnetVectorOptions.InnerProduct)]
    [InlineData(GarnetVectorOptions.L2OnSphere)]
    public async Task Recall_at_10_against_exact_search_is_at_least_0_9_and_logits_are_the_exact_dot_products(string metric)
    {
        using var index = await GarnetVectorIndex.BuildAsync(connection.GetDatabase(), items,
            new GarnetVectorOptions { Key = $"items:{metric}", Metric = metric });
        using var scope = torch.NewDisposeScope();
        var exact = new ExactItemIndex(items).Search(queries, K);
        var found = index.Search(queries, K);

        var recall = RetrievalRecall.Of(Longs(exact.Indices), Longs(found.Indices), K);
        Assert.True(recall >= 0.9, $"recall@{K} = {recall:F3}");
        // Each returned logit is the row's dot product with its query.
        var rows = found.Indices;
        var expected = torch.einsum("bd,bkd->bk", queries, items.index_select(0, rows.flatten()).reshape(rows.shape[0], K, -1));
        AssertClose(Floats(expected), Floats(found.Logits), 1e-4f);
    }

    [Fact]
    public async Task Rebuilding_the_vector_set_in_the_same_order_gives_the_same_results()
    {
        var options = new GarnetVectorOptions { Key = "items:rebuilt" };
        using var scope = torch.NewDisposeScope();
        using var first = await GarnetVectorIndex.BuildAsync(connection.GetDatabase(), items, options);
        var a = first.Search(queries, K);
        using var second = await GarnetVectorIndex.BuildAsync(connection.GetDatabase(), items, options);
        var b = second.Search(queries, K);

        Assert.Equal(Longs(a.Indices), Longs(b.Indices));
        Assert.Equal(Floats(a.Logits), Floats(b.Logits));
    }
}
