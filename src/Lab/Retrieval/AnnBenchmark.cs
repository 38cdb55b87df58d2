using System.Diagnostics;
using Journeys.Scoring.Retrieval;
using static TorchSharp.torch;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// Measures an <see cref="IItemIndex"/> against exact search on one set of queries: recall@K over all queries
/// (searched in batches of 128), latency percentiles of single-query and batched calls, the normalizer gap and,
/// given the real next items, HR@K through the index.
/// </summary>
public sealed class AnnBenchmark
{
    private readonly Tensor _queries;
    private readonly long[]? _targets;
    private readonly long[] _exactIndices;
    private readonly float[] _exactNormalizers;

    /// <param name="queries">[Q, D] session embeddings (CPU).</param>
    /// <param name="exact">The exact index over the same table: the reference top K.</param>
    /// <param name="targets">The next item of each query (0 = unknown, a miss), or null when there is none.</param>
    public AnnBenchmark(Tensor queries, IItemIndex exact, int k, long[]? targets = null, int latencyQueries = 300, int latencyBatches = 12)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (targets is not null && targets.Length != queries.shape[0]) throw new ArgumentException("One target per query.", nameof(targets));
        this._queries = queries;
        this._targets = targets;
        K = k;
        LatencyQueries = (int)Math.Min(latencyQueries, queries.shape[0]);
        LatencyBatches = latencyBatches;
        (_exactIndices, _exactNormalizers) = SearchAll(exact);
    }

    public int K { get; }
    public int LatencyQueries { get; }
    public int LatencyBatches { get; }

    public AnnMeasurement Measure(string catalog, IItemIndex index, double buildSeconds, long memoryBytes)
    {
        ArgumentNullException.ThrowIfNull(index);
        var (found, normalizers) = SearchAll(index);
        var recall = RetrievalRecall.Of(_exactIndices, found, K);
        var gap = 0.0;
        for (var i = 0; i < normalizers.Length; i++) gap += _exactNormalizers[i] - normalizers[i];
        gap /= normalizers.Length;
        double? hitRate = null;
        if (_targets is not null)
        {
            long hits = 0;
            for (var q = 0; q < _targets.Length; q++)
            {
                if (_targets[q] > 0 && found.AsSpan(q * K, K).Contains(_targets[q])) hits++;
            }
            hitRate = (double)hits / _targets.Length;
        }
        WarmUp(index);
        var (single, singleCpu) = Latencies(index, 1, LatencyQueries);
        var (batch32, _) = Latencies(index, 32, LatencyBatches);
        var (batch128, batch128Cpu) = Latencies(index, 128, LatencyBatches);
        var batchRows = Math.Min(128, _queries.shape[0]);
        return new AnnMeasurement(catalog, index.ItemCount, (int)_queries.shape[1], index.Name, index.Setting, K, normalizers.Length,
            recall, Percentile(single, 0.5), Percentile(single, 0.99), Percentile(batch32, 0.5), Percentile(batch32, 0.99),
            Percentile(batch128, 0.5), Percentile(batch128, 0.99), Percentile(batch128, 0.5) / batchRows,
            singleCpu, batch128Cpu / batchRows, buildSeconds, memoryBytes, gap, hitRate);
    }

    private (long[] Indices, float[] Normalizers) SearchAll(IItemIndex index)
    {
        var n = (int)_queries.shape[0];
        var indices = new long[n * K];
        var normalizers = new float[n];
        for (var from = 0; from < n; from += 128)
        {
            var rows = Math.Min(128, n - from);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var result = index.Search(_queries.narrow(0, from, rows), K);
            result.Indices.cpu().contiguous().data<long>().CopyTo(indices, from * K, 0);
            result.LogNormalizer.cpu().contiguous().data<float>().CopyTo(normalizers, from, 0);
        }
        return (indices, normalizers);
    }

    /// <summary>
    /// Searches untimed for half a second (at least 50 calls), so the timed calls run the JIT's optimized code: the C#
    /// indexes otherwise pay tier-0 code in the first catalog measured.
    /// </summary>
    private void WarmUp(IItemIndex index)
    {
        var clock = Stopwatch.StartNew();
        using var noGrad = no_grad();
        for (var call = 0; call < 50 || clock.Elapsed < TimeSpan.FromSeconds(0.5); call++)
        {
            using var scope = NewDisposeScope();
            _ = index.Search(_queries.narrow(0, call % (int)_queries.shape[0], 1), K);
        }
    }

    /// <summary>
    /// Wall-clock microseconds of each of <paramref name="calls"/> searches of <paramref name="batch"/> consecutive
    /// queries (after one untimed call), and the process CPU microseconds per call over all of them.
    /// </summary>
    private (double[] Wall, double CpuPerCall) Latencies(IItemIndex index, int batch, int calls)
    {
        var n = (int)_queries.shape[0];
        batch = Math.Min(batch, n);
        var times = new List<double>(calls);
        using var noGrad = no_grad();
        var cpu = 0.0;
        // At most ~5 s per series (at least 5 calls): exact search over a million items takes long per call.
        var budget = Stopwatch.StartNew();
        for (var call = -1; call < calls && (call < 5 || budget.Elapsed < TimeSpan.FromSeconds(5)); call++)
        {
            var from = (Math.Max(call, 0) * batch) % (n - batch + 1);
            using var scope = NewDisposeScope();
            var slice = _queries.narrow(0, from, batch);
            var cpuStarted = CpuClock.Microseconds();
            var started = Stopwatch.GetTimestamp();
            var result = index.Search(slice, K);
            // Results are read back as the batcher does, so lazy device work is inside the time.
            _ = result.Indices.cpu().data<long>()[0];
            var wall = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            if (call < 0) continue;
            times.Add(wall);
            cpu += CpuClock.Microseconds() - cpuStarted;
        }
        return ([.. times], cpu / times.Count);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
    }
}
