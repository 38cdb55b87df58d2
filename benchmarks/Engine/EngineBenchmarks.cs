using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Journeys.Contracts.Events;
using Journeys.Demo;
using Journeys.Ingest.ProductFeed;
using Journeys.Lab.Synthetic;
using Journeys.LoadTest;
using Journeys.LoadTest.InProcess;
using Microsoft.Extensions.Hosting;

namespace Journeys.Benchmarks.Engine;

/// <summary>
/// The whole engine, in process, per event: a burst of clicks (wire JSON, already encoded) through decode → session
/// actor → batched model step and retrieval → advice → decision written as UTF-8 → the in-process sink, with the
/// session state written to the embedded Garnet and the catalog and forecast stages fed — the engine of
/// <c>journeys loadtest --no-broker</c>, without its load generator. One operation is one event: the mean is the wall
/// time per event of a burst on this machine's cores, the allocation column is every thread's bytes per event.
/// <see cref="NewSessions"/>: every click starts a session (a million shoppers), or clicks of 20,000 live sessions.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineRuntime))]
public class EngineBenchmarks
{
    private const int Burst = 2048;
    private const int LiveSessions = 20_000;
    private IHost _engine = null!;
    private InProcessClickLog _log = null!;
    private InProcessPublisher _sink = null!;
    private IEnumerator<ClickEvent> _events = null!;
    private (string Key, byte[] Value)[] _burst = [];

    [Params(false, true)]
    public bool NewSessions { get; set; }

    [GlobalSetup]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD002", Justification = "BenchmarkDotNet runs setup on the benchmark process's main thread (no SynchronizationContext) and would block on an async one alike.")]
    public void Setup()
    {
        var settings = new LoadTestSettings(Rate: 1, TimeSpan.FromSeconds(1), TimeSpan.Zero, Sessions: 1, Seed: 42, Bootstrap: null,
            SourceFile: null, SourceFormat: "rees46", BatchMax: null, NoBroker: true);
        _log = new InProcessClickLog(settings.ClicksTopic, settings.Partitions);
        _sink = new InProcessPublisher(settings.DecisionsTopic);
        var transport = new InProcessTransport(_log, _sink, ProductFeedFile.Read(BundledData.ProductFeedPath));
        _engine = LoadTestRunner.StartEngineAsync(settings, "in-process", transport, CancellationToken.None).GetAwaiter().GetResult();
        var profile = ShopperProfile.Fit(BundledData.SampleEvents());
        // New sessions: a population so large that each session is seen once. Live: a population whose sessions all
        // start in the warm-up and keep coming back.
        _events = new ShopperPopulation(profile, NewSessions ? 5_000_000 : LiveSessions, seed: 42, sessionPrefix: NewSessions ? "n" : "l")
            .Events(TimeProvider.System).GetEnumerator();
    }

    [IterationSetup]
    public void NextBurst()
    {
        _burst = new (string, byte[])[Burst];
        for (var i = 0; i < Burst; i++)
        {
            _events.MoveNext();
            _burst[i] = (_events.Current.SessionId, ClickEventCodec.Encode(_events.Current));
        }
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public long Decide()
    {
        var target = _sink.Decisions + _sink.DeadLetters + Burst;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (key, value) in _burst)
        {
            _log.Append(key, value, now);
        }
        _log.Signal();
        // Sleep, not spin: on two cores a spinning harness would take a core from the engine it measures. A burst takes
        // hundreds of milliseconds, so a millisecond of polling granularity is well under a percent.
        while (_sink.Decisions + _sink.DeadLetters < target)
        {
            Thread.Sleep(1);
        }
        return target;
    }

    [GlobalCleanup]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD002", Justification = "As for Setup: the benchmark process's main thread.")]
    public void Cleanup()
    {
        _engine.StopAsync().GetAwaiter().GetResult();
        _engine.Dispose();
        _sink.Dispose();
    }
}

/// <summary>
/// The runtime settings `journeys` ships with (its runtime config), for the benchmark process too: without them the
/// thread pool's idle workers spin on the two cores the engine needs, and the first seconds run unoptimized code.
/// </summary>
internal sealed class EngineRuntime : ManualConfig
{
    public EngineRuntime() =>
        AddJob(Job.ShortRun.WithId("engine").WithEnvironmentVariables(
            new EnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"),
            new EnvironmentVariable("DOTNET_TieredPGO", "0"),
            new EnvironmentVariable("DOTNET_TC_QuickJit", "0")));
}
