using System.Diagnostics;
using System.Globalization;
using Journeys.Scoring.Retrieval;
using StackExchange.Redis;
using static TorchSharp.torch;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// Exact search, the IVF at every nprobe and (small catalogs) Garnet vector sets at every EF, on one catalog and one
/// set of queries, each measured by <see cref="AnnBenchmark"/>.
/// </summary>
public static class AnnEvaluation
{
    /// <param name="garnet">A Garnet with vector sets enabled, or null to skip that index.</param>
    public static async Task<List<AnnMeasurement>> RunAsync(string catalog, Tensor table, Tensor queries, long[]? targets,
        IDatabase? garnet, AnnEvaluationOptions options, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var results = new List<AnnMeasurement>();
        var items = table.shape[0];
        using var exact = new ExactItemIndex(table);
        var clock = Stopwatch.StartNew();
        var benchmark = new AnnBenchmark(queries, exact, options.K, targets, options.LatencyQueries, options.LatencyBatches);
        progress($"{catalog}: exact top {options.K} of {items - 1:N0} items for {queries.shape[0]:N0} queries ({clock.Elapsed.TotalSeconds:F1} s)");
        Add(benchmark.Measure(catalog, exact, 0, table.shape[0] * table.shape[1] * 4));

        cancellationToken.ThrowIfCancellationRequested();
        var memoryBefore = ProcessMemory();
        clock.Restart();
        using var ivf = IvfItemIndex.Build(table, new IvfOptions { Lists = options.IvfLists, Seed = options.Seed, Probes = 1 });
        var ivfSeconds = clock.Elapsed.TotalSeconds;
        progress($"{catalog}: IVF {ivf.Lists:N0} lists built in {ivfSeconds:F1} s (process memory {(ProcessMemory() - memoryBefore) / 1e6:+0;-0} MB)");
        foreach (var probes in options.Probes.Where(p => p <= ivf.Lists))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Add(benchmark.Measure(catalog, ivf.WithProbes(probes), ivfSeconds, ivf.MemoryBytes));
        }

        if (garnet is not null && items - 1 <= options.GarnetMaxItems)
        {
            foreach (var metric in options.GarnetMetrics)
            {
                cancellationToken.ThrowIfCancellationRequested();
                memoryBefore = ProcessMemory();
                clock.Restart();
                var garnetOptions = new GarnetVectorOptions { Key = $"journeys:ann:{catalog}:{metric}", Metric = metric };
                var reported = 0;
                using var built = await GarnetVectorIndex.BuildAsync(garnet, table, garnetOptions, progress: new InlineProgress(n =>
                {
                    if (n - reported < 10_000) return;
                    reported = n;
                    progress($"{catalog}: garnet {metric}: {n:N0} items added");
                }), cancellationToken: cancellationToken).ConfigureAwait(false);
                var garnetSeconds = clock.Elapsed.TotalSeconds;
                // Garnet runs in this process: its vector set is in the process's memory growth, the table copy in MemoryBytes.
                var grown = Math.Max(0, ProcessMemory() - memoryBefore);
                progress($"{catalog}: garnet {metric} built in {garnetSeconds:F1} s (process memory +{grown / 1e6:F0} MB)");
                foreach (var exploration in options.GarnetExplorations)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Add(benchmark.Measure(catalog, built.WithSearchExploration(exploration), garnetSeconds, grown));
                }
                await garnet.KeyDeleteAsync(garnetOptions.Key).ConfigureAwait(false);
            }
        }
        return results;

        void Add(AnnMeasurement m)
        {
            results.Add(m);
            var hitRate = m.HitRate is { } hr ? string.Create(CultureInfo.InvariantCulture, $", HR@{m.K} {hr * 100:F2} %") : "";
            progress(string.Create(CultureInfo.InvariantCulture,
                $"{m.Catalog}: {m.Index} {m.Setting}: recall@{m.K} {m.Recall:F3}, CPU {m.CpuPerQueryAt128:F1} µs/query at 128 (wall {m.PerQueryAt128:F1}), single p50 {m.SingleP50:F0} µs{hitRate}"));
        }
    }

    private static long ProcessMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
