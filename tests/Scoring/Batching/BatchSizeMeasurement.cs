using Journeys.Contracts.Events;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Xunit.Abstractions;

namespace Journeys.Scoring.Tests.Batching;

/// <summary>
/// µs per event through the real StepBatcher path (forward + top-K + copies) at fixed batch sizes, with the default
/// dimensions, 1,000- and 20,000-item vocabularies. Run:
/// <c>JOURNEYS_MEASURE=1 dotnet test tests/Scoring -c Release --filter BatchSizeMeasurement --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class BatchSizeMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public async Task Microseconds_per_event_by_batch_size()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var features = new StepFeatures(2, 17, 3, 4, 2);
        // Best of three runs per size: the machine is shared, and the minimum is the least disturbed figure.
        foreach (var (items, threads) in new[] { (1_000, 2), (20_000, 1), (20_000, 2) })
        {
            var catalog = Enumerable.Range(0, items).Select(p =>
                new ClickEvent($"e{p}", "c", null, start, ClickType.ProductView, $"p{p}", $"c{p % 500}", 10));
            using var model = SeededModel.Create(catalog, 1);
            var hidden = model.Info.HiddenSize;
            TorchSharp.torch.set_num_threads(threads);
            output.WriteLine($"{model.Info.Version}: hidden {hidden}, {model.Info.ItemCount} items, top-10, {Environment.ProcessorCount} cores, torch threads {threads}");
            output.WriteLine("batch | µs/event (forward+topK+copy) | µs/batch");
            foreach (var size in new[] { 1, 8, 32, 64, 128, 256, 512, 1024 })
            {
                using var batcher = new StepBatcher(model, new ScoringOptions { MaxBatch = size, MaxWait = TimeSpan.Zero, TopK = 10 });
                await Run(batcher, Math.Max(size * 2, 64), hidden, features);   // warm-up
                var best = double.MaxValue;
                for (var repeat = 0; repeat < 3; repeat++)
                {
                    var before = batcher.Statistics;
                    await Run(batcher, Math.Max(500, size * 5), hidden, features);
                    var after = batcher.Statistics;
                    best = Math.Min(best, (after.ForwardTime - before.ForwardTime).TotalMicroseconds / (after.Steps - before.Steps));
                }
                output.WriteLine($"{size,5} | {best,8:F1} | {best * size,9:F0}");
            }
        }
    }

    private static async Task Run(StepBatcher batcher, int count, int hidden, StepFeatures features)
    {
        // All requests queued at once, so every forward takes a full batch.
        var h = new float[hidden];
        var tasks = new Task<StepResult>[count];
        for (var i = 0; i < count; i++) tasks[i] = batcher.StepAsync(features, h, h, CancellationToken.None).AsTask();
        await Task.WhenAll(tasks);
    }
}
