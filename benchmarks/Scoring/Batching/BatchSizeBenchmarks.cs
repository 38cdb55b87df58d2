using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Events;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;

namespace Journeys.Benchmarks.Scoring.Batching;

/// <summary>
/// µs per event through the real StepBatcher (queue, forward, top-K, copies, completion) at fixed batch sizes, with the
/// default dimensions, top-10, 1,000- and 20,000-item vocabularies and one or two torch threads: each invocation queues
/// 1,024 steps at once, so every forward takes a full batch; the mean is per event. When a case ends it prints the
/// batcher's own forward time per event (forward + top-K + copies, no queueing): the figure behind
/// <c>Scoring:MaxBatch</c> and docs/model.md (until 2026-11-29 the best of three runs of a test). Run:
/// <c>dotnet run -c Release --project benchmarks -- --filter '*BatchSizeBenchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class BatchSizeBenchmarks
{
    private const int Events = 1_024;
    private static readonly StepFeatures Features = new(2, 17, 3, 4, 2);

    private ScoringModel _model = null!;
    private StepBatcher _batcher = null!;
    private float[] _h = null!;
    private readonly Task<StepResult>[] _steps = new Task<StepResult>[Events];

    [Params(1, 8, 32, 64, 128, 256, 512, 1024)]
    public int Batch { get; set; }

    [Params(1_000, 20_000)]
    public int Items { get; set; }

    [Params(1, 2)]
    public int TorchThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var catalog = Enumerable.Range(0, Items).Select(p =>
            new ClickEvent($"e{p}", "c", null, start, ClickType.ProductView, $"p{p}", $"c{p % 500}", 10));
        _model = SeededModel.Create(catalog, 1);
        TorchSharp.torch.set_num_threads(TorchThreads);
        _batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = Batch, MaxWait = TimeSpan.Zero, TopK = 10 });
        _h = new float[_model.Info.HiddenSize];
        Console.WriteLine($"{_model.Info.Version}: hidden {_model.Info.HiddenSize}, {_model.Info.ItemCount} items, top-10, {Environment.ProcessorCount} cores, torch threads {TorchThreads}");
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task StepsQueuedAtOnce()
    {
        // All requests queued at once, so every forward takes a full batch.
        for (var i = 0; i < Events; i++) _steps[i] = _batcher.StepAsync(Features, _h, _h, CancellationToken.None).AsTask();
        await Task.WhenAll(_steps);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var s = _batcher.Statistics;
        Console.WriteLine($"batch {Batch}: forward+topK+copy {s.ForwardTimePerStep.TotalMicroseconds:F1} µs/event, " +
            $"{s.ForwardTimePerStep.TotalMicroseconds * Batch:F0} µs/batch (mean batch {s.MeanBatchSize:F0}, {s.Steps:N0} steps)");
        _batcher.Dispose();
        _model.Dispose();
    }
}
