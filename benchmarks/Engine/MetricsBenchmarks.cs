using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Diagnostics;
using Journeys.Engine;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Journeys.Benchmarks.Engine;

/// <summary>
/// What the engine's metrics add per decision: the latency histogram and what the decision said (stage, conversion,
/// friction, price guardrail, ten recommendations' reasons), with OpenTelemetry's SDK listening as on <c>/metrics</c>
/// (<see cref="Listened"/>, which includes the dashboard's top-K of recommended products) and with nothing listening
/// (<see cref="Unlistened"/>); and that top-K alone (<see cref="TopRecommendations"/>: ten products into a Space-Saving
/// summary under its thread's stripe lock).
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private ServiceProvider _services = null!;
    private MeterProvider _provider = null!;
    private EngineCounters _listened = null!;
    private EngineCounters _unlistened = null!;
    private Decision _decision = null!;
    private TopRecommendations _top = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(JourneysMeter.Name).AddPrometheusExporter().Build();
        _listened = new EngineCounters(_services.GetRequiredService<IMeterFactory>());
        _unlistened = new EngineCounters();
        _top = new TopRecommendations();
        var t = DateTimeOffset.UtcNow;
        _decision = new Decision("e1", "s1", 3, JourneyStage.Consideration, new StageProbabilities(0.1, 0.6, 0.2, 0.05, 0.05), 0.12, 0.3,
            [.. Enumerable.Range(0, 10).Select(i => new Recommendation($"p{i}", 1.0 / (i + 1), i % 3 == 0 ? "model" : "co_view"))],
            new PriceOffer("p0", 10, 9.5, 2.1, 0.12, "margin_floor", "demand"), "m1", t, t, 1.5);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Unlistened()
    {
        _unlistened.RecordLatency(TimeSpan.FromMilliseconds(3));
        _unlistened.OnDecided(_decision);
    }

    [Benchmark]
    public void Listened()
    {
        _listened.RecordLatency(TimeSpan.FromMilliseconds(3));
        _listened.OnDecided(_decision);
    }

    [Benchmark]
    public void TopRecommendations() => _top.Add(_decision);
}
