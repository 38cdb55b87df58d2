using Journeys.Lab.Retrieval;
using Journeys.Scoring.Retrieval;
using StackExchange.Redis;
using TorchSharp;
using static Journeys.Scoring.Tests.Retrieval.IvfItemIndexTests;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>The Garnet vector-set index against exact search, on an embedded Garnet and a small synthetic catalog.</summary>
public sealed class GarnetVectorIndexTests : IDisposable
{
    private const int K = 10;
    private readonly VectorGarnet _garnet = new();
    private readonly ConnectionMultiplexer _connection;
    private readonly torch.Tensor _items;
    private readonly torch.Tensor _queries;

    public GarnetVectorIndexTests()
    {
        _connection = ConnectionMultiplexer.Connect(_garnet.Endpoint);
        (_items, _queries) = SyntheticCatalog.Create(items: 1_500, dimensions: 16, clusters: 20, queries: 100, seed: 9);
    }

    public void Dispose()
    {
        _items.Dispose();
        _queries.Dispose();
        _connection.Dispose();
        _garnet.Dispose();
    }

    [Theory]
    [InlineData(GarnetVectorOptions.InnerProduct)]
    [InlineData(GarnetVectorOptions.L2OnSphere)]
    public async Task Recall_at_10_against_exact_search_is_at_least_0_9_and_logits_are_the_exact_dot_products(string metric)
    {
        using var index = await GarnetVectorIndex.BuildAsync(_connection.GetDatabase(), _items,
            new GarnetVectorOptions { Key = $"items:{metric}", Metric = metric });
        using var scope = torch.NewDisposeScope();
        var exact = new ExactItemIndex(_items).Search(_queries, K);
        var found = index.Search(_queries, K);

        var recall = RetrievalRecall.Of(Longs(exact.Indices), Longs(found.Indices), K);
        Assert.True(recall >= 0.9, $"recall@{K} = {recall:F3}");
        // Each returned logit is the row's dot product with its query.
        var rows = found.Indices;
        var expected = torch.einsum("bd,bkd->bk", _queries, _items.index_select(0, rows.flatten()).reshape(rows.shape[0], K, -1));
        AssertClose(Floats(expected), Floats(found.Logits), 1e-4f);
    }

    [Fact]
    public async Task Rebuilding_the_vector_set_in_the_same_order_gives_the_same_results()
    {
        var options = new GarnetVectorOptions { Key = "items:rebuilt" };
        using var scope = torch.NewDisposeScope();
        using var first = await GarnetVectorIndex.BuildAsync(_connection.GetDatabase(), _items, options);
        var a = first.Search(_queries, K);
        using var second = await GarnetVectorIndex.BuildAsync(_connection.GetDatabase(), _items, options);
        var b = second.Search(_queries, K);

        Assert.Equal(Longs(a.Indices), Longs(b.Indices));
        Assert.Equal(Floats(a.Logits), Floats(b.Logits));
    }
}
