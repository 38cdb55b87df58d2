using Journeys.Lab.Retrieval;
using Journeys.Scoring.Retrieval;
using TorchSharp;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>The IVF index against exact search on a seeded, clustered synthetic catalog.</summary>
public sealed class IvfItemIndexTests : IDisposable
{
    private const int K = 10;
    private readonly torch.Tensor _items;
    private readonly torch.Tensor _queries;

    public IvfItemIndexTests()
    {
        (_items, _queries) = SyntheticCatalog.Create(items: 6_000, dimensions: 16, clusters: 40, queries: 300, seed: 7);
    }

    public void Dispose()
    {
        _items.Dispose();
        _queries.Dispose();
    }

    [Fact]
    public void Recall_at_10_against_exact_search_is_at_least_0_95_probing_12_of_155_lists()
    {
        using var scope = torch.NewDisposeScope();
        using var ivf = IvfItemIndex.Build(_items, new IvfOptions { Probes = 12, Seed = 3 });
        var exact = new ExactItemIndex(_items).Search(_queries, K);
        var found = ivf.Search(_queries, K);

        var recall = RetrievalRecall.Of(Longs(exact.Indices), Longs(found.Indices), K);

        Assert.Equal(155, ivf.Lists);
        Assert.True(recall >= 0.95, $"recall@{K} = {recall:F3}");
    }

    [Fact]
    public void Probing_every_list_finds_exactly_the_exact_top_k_with_the_same_logits_and_normalizer()
    {
        using var scope = torch.NewDisposeScope();
        using var built = IvfItemIndex.Build(_items, new IvfOptions { Lists = 50 });
        var ivf = built.WithProbes(50);
        var exact = new ExactItemIndex(_items).Search(_queries, K);
        var found = ivf.Search(_queries, K);

        Assert.Equal(Longs(exact.Indices), Longs(found.Indices));
        AssertClose(Floats(exact.Logits), Floats(found.Logits), 1e-4f);
        AssertClose(Floats(exact.LogNormalizer), Floats(found.LogNormalizer), 1e-4f);
    }

    [Fact]
    public void A_querys_result_is_bitwise_the_same_alone_and_at_any_position_in_a_batch()
    {
        using var scope = torch.NewDisposeScope();
        using var ivf = IvfItemIndex.Build(_items, new IvfOptions { Probes = 6 });
        var batch = ivf.Search(_queries, K);
        foreach (var row in new[] { 0, 17, 299 })
        {
            var alone = ivf.Search(_queries.narrow(0, row, 1), K);
            Assert.Equal(Longs(alone.Indices), Longs(batch.Indices.narrow(0, row, 1)));
            Assert.Equal(Floats(alone.Logits), Floats(batch.Logits.narrow(0, row, 1)));
            Assert.Equal(Floats(alone.LogNormalizer), Floats(batch.LogNormalizer.narrow(0, row, 1)));
        }
    }

    [Fact]
    public void The_same_table_and_seed_build_the_same_index()
    {
        using var scope = torch.NewDisposeScope();
        using var first = IvfItemIndex.Build(_items, new IvfOptions { Probes = 4, Seed = 11 });
        using var second = IvfItemIndex.Build(_items, new IvfOptions { Probes = 4, Seed = 11 });

        var a = first.Search(_queries, K);
        var b = second.Search(_queries, K);

        Assert.Equal(Longs(a.Indices), Longs(b.Indices));
        Assert.Equal(Floats(a.Logits), Floats(b.Logits));
    }

    [Fact]
    public void A_query_gets_k_items_even_when_its_probed_lists_hold_fewer()
    {
        using var scope = torch.NewDisposeScope();
        using var ivf = IvfItemIndex.Build(_items, new IvfOptions { Lists = 1_000, Probes = 1 });
        var found = ivf.Search(_queries, 50);

        var indices = Longs(found.Indices);
        Assert.All(indices, i => Assert.InRange(i, 1, 5_999));
        foreach (var row in indices.Chunk(50)) Assert.Equal(50, row.Distinct().Count());
    }

    [Fact]
    public void The_out_of_vocabulary_row_is_never_returned()
    {
        using var scope = torch.NewDisposeScope();
        // Row 0 is made the best match of every query: it must still not come back.
        var table = _items.clone();
        table[0] = _queries.sum(0).mul(1000);
        using var ivf = IvfItemIndex.Build(table, new IvfOptions { Lists = 20, Probes = 20 });

        Assert.DoesNotContain(0L, Longs(ivf.Search(_queries, K).Indices));
        Assert.DoesNotContain(0L, Longs(new ExactItemIndex(table).Search(_queries, K).Indices));
    }

    internal static long[] Longs(torch.Tensor t) => t.contiguous().cpu().data<long>().ToArray();

    internal static float[] Floats(torch.Tensor t) => t.contiguous().cpu().data<float>().ToArray();

    internal static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}] {expected[i]} vs {actual[i]}");
        }
    }
}
