using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// An inverted-file index (IVF-Flat): k-means splits the items into lists; a query ranks the list centroids, scans the
/// items of its best <see cref="Probes"/> lists, and keeps the top k by exact dot product.
/// Chosen over HNSW because it is small, needs no per-item graph (memory ≈ the table plus the centroids), builds in
/// seconds from a few matrix products, and has one knob whose cost is linear and predictable; recall at a given cost
/// is measured (journeys evaluate --task ann).
/// Inner product: lists are formed and ranked in the <see cref="MaxInnerProduct"/> space (items on a sphere), where
/// nearest centroid = largest q·c − ‖c‖²/2; the scan re-scores with the plain dot product.
/// Search is plain C#, one query at a time (SIMD dot products), so a query's result is independent of its batch; the
/// k-means build is seeded, so a rebuild after a restart on the same machine gives the same index.
/// </summary>
public sealed class IvfItemIndex : IHostItemIndex
{
    private readonly int _dimensions;
    private readonly float[] _centroids;
    private readonly float[] _centroidBias;
    private readonly int[] _offsets;
    private readonly float[] _vectors;
    private readonly int[] _ids;
    // Search buffers, one set per concurrent caller (the engine's batcher is one; evaluation may run several).
    private readonly System.Collections.Concurrent.ConcurrentBag<Scratch> _scratch = [];

    private IvfItemIndex(long itemCount, int dimensions, float[] centroids, float[] centroidBias, int[] offsets, float[] vectors, int[] ids, int probes)
    {
        ItemCount = itemCount;
        this._dimensions = dimensions;
        this._centroids = centroids;
        this._centroidBias = centroidBias;
        this._offsets = offsets;
        this._vectors = vectors;
        this._ids = ids;
        Probes = Math.Min(probes, Lists);
    }

    public string Name => RetrievalModes.Ivf;

    public string Setting => $"nprobe {Probes} of {Lists} lists";

    public long ItemCount { get; }

    public int Lists => _centroidBias.Length;

    public int Probes { get; }

    public long MemoryBytes => ((long)_centroids.Length + _centroidBias.Length + _offsets.Length + _vectors.Length + _ids.Length) * 4;

    /// <summary>The same lists searched with another nprobe (shares the data; for sweeps).</summary>
    public IvfItemIndex WithProbes(int probes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        return new IvfItemIndex(ItemCount, _dimensions, _centroids, _centroidBias, _offsets, _vectors, _ids, probes);
    }

    /// <summary>Builds the index over rows 1… of <paramref name="table"/> [N, D] (any device; copied to the CPU).</summary>
    public static IvfItemIndex Build(Tensor table, IvfOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (table.dim() != 2) throw new ArgumentException($"The item table must be [items, dimensions]; it has shape [{string.Join(", ", table.shape)}].", nameof(table));
        var rows = checked((int)table.shape[0]);
        var d = (int)table.shape[1];
        var n = rows - 1;
        if (n < 1) throw new ArgumentException("The item table has no items besides row 0 (out-of-vocabulary).", nameof(table));
        float[] data;
        using (var cpu = table.detach().to(ScalarType.Float32).cpu().contiguous())
        {
            data = cpu.data<float>().ToArray();
        }
        var lists = Math.Min(options.Lists > 0 ? options.Lists : IvfOptions.AutoLists(n), n);
        var width = d + 1;
        var augmented = MaxInnerProduct.AugmentItems(data, rows, d, from: 1);

        var random = new Random(options.Seed);
        var sampleSize = (int)Math.Min(n, (long)lists * options.TrainingItemsPerList);
        var sample = augmented;
        if (sampleSize < n)
        {
            var order = Enumerable.Range(0, n).ToArray();
            sample = new float[sampleSize * width];
            for (var i = 0; i < sampleSize; i++)
            {
                var j = random.Next(i, n);
                (order[i], order[j]) = (order[j], order[i]);
            }
            // In item order, so the training set does not depend on how the permutation ordered the draw.
            Array.Sort(order, 0, sampleSize);
            for (var i = 0; i < sampleSize; i++) augmented.AsSpan(order[i] * width, width).CopyTo(sample.AsSpan(i * width, width));
        }
        var trained = KMeans.Train(sample, sampleSize, width, lists, options.Iterations, random);
        var assignment = KMeans.Assign(augmented, n, width, trained, lists);

        // Counting sort by list, stable in item order: the lists' contents and order are a function of the assignment.
        var offsets = new int[lists + 1];
        foreach (var list in assignment) offsets[list + 1]++;
        for (var l = 0; l < lists; l++) offsets[l + 1] += offsets[l];
        var next = offsets[..lists];
        var ids = new int[n];
        var vectors = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var slot = next[assignment[i]]++;
            ids[slot] = i + 1;
            data.AsSpan((i + 1) * d, d).CopyTo(vectors.AsSpan(slot * d, d));
        }
        var centroids = new float[lists * d];
        var bias = new float[lists];
        for (var l = 0; l < lists; l++)
        {
            var c = trained.AsSpan(l * width, width);
            c[..d].CopyTo(centroids.AsSpan(l * d, d));
            bias[l] = -0.5f * TensorPrimitives.Dot(c, c);
        }
        return new IvfItemIndex(rows, d, centroids, bias, offsets, vectors, ids, options.Probes);
    }

    public ItemSearchResult Search(Tensor queries, int k)
    {
        var (b, q) = QueryBatch.ToHost(queries, k, ItemCount, _dimensions);
        var logits = new float[b * k];
        var indices = new long[b * k];
        var normalizers = new float[b];
        var search = Rent(k);
        try
        {
            for (var i = 0; i < b; i++)
            {
                normalizers[i] = SearchOne(q.AsSpan(i * _dimensions, _dimensions), k, logits.AsSpan(i * k, k), search);
                for (var j = 0; j < k; j++) indices[(i * k) + j] = search.TopIds[j];
            }
        }
        finally
        {
            _scratch.Add(search);
        }
        var device = queries.device;
        return new ItemSearchResult(
            tensor(logits, [b, k]).to(device),
            tensor(indices, [b, k]).to(device),
            tensor(normalizers, [b, 1]).to(device));
    }

    public void Search(ReadOnlySpan<float> queries, int count, int k, Span<int> items, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, ItemCount - 1);
        if (queries.Length < count * _dimensions) throw new ArgumentException($"{count} queries need {count * _dimensions} floats; got {queries.Length}.", nameof(queries));
        var search = Rent(k);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var top = probabilities.Slice(i * k, k);
                var normalizer = SearchOne(queries.Slice(i * _dimensions, _dimensions), k, top, search);
                // exp(logit − normalizer), element-wise as ItemSearchResult.Probabilities computes it.
                TensorPrimitives.Subtract(top, normalizer, top);
                TensorPrimitives.Exp(top, top);
                search.TopIds.AsSpan(0, k).CopyTo(items.Slice(i * k, k));
            }
        }
        finally
        {
            _scratch.Add(search);
        }
    }

    private Scratch Rent(int k) => _scratch.TryTake(out var s) && s.K == k ? s : new Scratch(this, k);

    public void Dispose()
    {
        // Managed arrays only.
    }

    /// <summary>One query: its top k logits into <paramref name="topLogits"/> and ids into the scratch's TopIds; returns the normalizer.</summary>
    private float SearchOne(ReadOnlySpan<float> query, int k, Span<float> topLogits, Scratch s)
    {
        // Rank the lists: the best Probes of them, and — only if they hold fewer than k items — twice as many, and so
        // on, so a query always gets k items.
        for (var l = 0; l < Lists; l++) s.ListScores[l] = TensorPrimitives.Dot(query, _centroids.AsSpan(l * _dimensions, _dimensions)) + _centroidBias[l];
        var probes = Probes;
        int found;
        while (true)
        {
            probes = RankLists(s, probes);
            found = 0;
            for (var p = 0; p < probes; p++) found += _offsets[s.ListOrder[p] + 1] - _offsets[s.ListOrder[p]];
            if (found >= k || probes == Lists) break;
            probes = Math.Min(Lists, probes * 2);
        }
        if (s.Candidates.Length < found)
        {
            s.Candidates = new float[Math.Max(found, s.Candidates.Length * 2)];
            s.Keys = new ulong[s.Candidates.Length];
        }

        // Score every candidate of the probed lists (each list's vectors are contiguous), then select the best k.
        var scored = 0;
        for (var p = 0; p < probes; p++)
        {
            var list = s.ListOrder[p];
            var (from, to) = (_offsets[list], _offsets[list + 1]);
            DotProducts.Score(query, _vectors.AsSpan(from * _dimensions, (to - from) * _dimensions), s.Candidates.AsSpan(scored, to - from));
            scored += to - from;
        }
        var keys = 0;
        scored = 0;
        for (var p = 0; p < probes; p++)
        {
            var list = s.ListOrder[p];
            for (var slot = _offsets[list]; slot < _offsets[list + 1]; slot++)
            {
                var logit = s.Candidates[scored++];
                if (!float.IsNaN(logit)) s.Keys[keys++] = TopSelect.Key(logit, _ids[slot]);
            }
        }
        var best = TopSelect.Best(s.Keys.AsSpan(0, keys), k);
        for (var i = 0; i < best; i++)
        {
            topLogits[i] = TopSelect.Score(s.Keys[i]);
            s.TopIds[i] = TopSelect.Id(s.Keys[i]);
        }

        // logsumexp over every scored candidate, with the largest logit (the first kept) as the shift.
        var candidates = s.Candidates.AsSpan(0, scored);
        var max = topLogits[0];
        TensorPrimitives.Subtract(candidates, max, candidates);
        TensorPrimitives.Exp(candidates, candidates);
        return max + MathF.Log(TensorPrimitives.Sum(candidates));
    }

    private int RankLists(Scratch s, int probes)
    {
        var heap = probes == Probes ? s.ProbeHeap : new TopHeap(probes);
        heap.Clear();
        for (var l = 0; l < Lists; l++) heap.Offer(s.ListScores[l], l);
        return heap.Drain(s.ListBest, s.ListOrder);
    }

    /// <summary>Buffers reused across the queries of one search.</summary>
    private sealed class Scratch(IvfItemIndex index, int k)
    {
        public int K { get; } = k;
        public float[] ListScores { get; } = new float[index.Lists];
        public float[] ListBest { get; } = new float[index.Lists];
        public int[] ListOrder { get; } = new int[index.Lists];
        public TopHeap ProbeHeap { get; } = new(index.Probes);
        public int[] TopIds { get; } = new int[k];
        public float[] Candidates { get; set; } = new float[4096];
        public ulong[] Keys { get; set; } = new ulong[4096];
    }
}
