using static TorchSharp.torch;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// A seeded, clustered stand-in for a trained item table, for catalogs larger than any model we have: items scatter
/// around random centres with norms that vary (log-normal), as trained embeddings do, so maximum inner product and
/// nearest neighbour disagree; queries scatter around the same centres. Row 0 is zero (the out-of-vocabulary slot).
/// </summary>
public static class SyntheticCatalog
{
    /// <summary>Items [items, dimensions] and queries [queries, dimensions], float32 on the CPU.</summary>
    public static (Tensor Items, Tensor Queries) Create(int items, int dimensions, int clusters, int queries, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var centres = randn([clusters, dimensions], generator: generator);
        var itemCluster = randint(clusters, [items], generator: generator);
        var table = centres.index_select(0, itemCluster)
            .add_(randn([items, dimensions], generator: generator).mul_(0.6f))
            .mul_(randn([items, 1], generator: generator).mul_(0.25f).exp_());
        table[0].zero_();
        var queryCluster = randint(clusters, [queries], generator: generator);
        var q = centres.index_select(0, queryCluster).add_(randn([queries, dimensions], generator: generator).mul_(0.8f));
        return (table.MoveToOuterDisposeScope(), q.MoveToOuterDisposeScope());
    }
}
