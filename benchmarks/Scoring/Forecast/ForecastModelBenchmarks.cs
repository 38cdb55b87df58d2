using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Tests.Forecast;

namespace Journeys.Benchmarks.Scoring.Forecast;

/// <summary>
/// Memory per tracked product and the cost of a publish at the default cap (100,000 products, 56 days of history, each
/// product selling on about one day in five, all with a stock figure): the figures behind ForecastOptions' MaxProducts
/// and PublishInterval notes. Benchmarks: a publish on a new day (every product refitted; each iteration moves one day
/// on, and prints the process CPU it took, since the machine is shared) and a publish after 1,000 products changed.
/// The setup prints bytes per product of the model and of a snapshot, and the first publish's time (cold). Until
/// 2026-11-29 a test printed the same setup's figures. Run:
/// <c>dotnet run -c Release --project benchmarks -- --filter '*ForecastModelBenchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
[RunOncePerIteration]
public class ForecastModelBenchmarks
{
    private readonly ForecastOptions _options = new();
    private ForecastModel _model = null!;
    private int _day;
    private TimeSpan _cpuBefore;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _model = new ForecastModel(_options);
        _model.Observe(ForecastEvents.View(0));
        for (var day = 0; day < _options.HistoryDays; day++)
        {
            // Every product sells on about one day in five; all of them carry a stock figure.
            for (var p = 0; p < _options.MaxProducts; p++)
            {
                if (random.Next(5) == 0) _model.Observe(ForecastEvents.Purchase($"p{p}", day, 1 + random.Next(3)));
            }
        }
        for (var p = 0; p < _options.MaxProducts; p++) _model.Apply(new ProductFeedItem($"p{p}", null, null, null, random.Next(0, 200)));
        _day = _options.HistoryDays;
        _model.Observe(ForecastEvents.View(_day));
        var afterFeed = GC.GetTotalMemory(forceFullCollection: true);

        var clock = Stopwatch.StartNew();
        var full = _model.Publish();
        var fullMs = clock.Elapsed.TotalMilliseconds;
        var afterSnapshot = GC.GetTotalMemory(forceFullCollection: true);
        if (full.Count != _options.MaxProducts) throw new InvalidOperationException($"{full.Count:N0} products forecast, expected {_options.MaxProducts:N0}");
        Console.WriteLine($"{_model.TrackedProducts:N0} products: model {(afterFeed - before) / (double)_model.TrackedProducts:F0} B/product, " +
            $"snapshot {(afterSnapshot - afterFeed) / (double)full.Count:F0} B/product; first publish (cold) {fullMs:F0} ms");
    }

    [IterationSetup(Target = nameof(PublishOnANewDay))]
    public void NextDay()
    {
        _model.Observe(ForecastEvents.View(++_day));
        _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [IterationCleanup(Target = nameof(PublishOnANewDay))]
    public void PrintCpu() =>
        Console.WriteLine($"publish on day {_day}: process CPU {(Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalMilliseconds:F0} ms");

    [IterationSetup(Target = nameof(PublishAfterAThousandChanged))]
    public void ChangeAThousand()
    {
        for (var p = 0; p < 1_000; p++) _model.Observe(ForecastEvents.Purchase($"p{p}", _day, 1, hour: 3));
    }

    [Benchmark]
    public int PublishOnANewDay() => _model.Publish().Count;

    [Benchmark]
    public int PublishAfterAThousandChanged() => _model.Publish().Count;
}
