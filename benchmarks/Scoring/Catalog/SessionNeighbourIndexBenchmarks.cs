using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Tests;

namespace Journeys.Benchmarks.Scoring.Catalog;

/// <summary>
/// What the session-neighbour index costs in memory and publish time on real sessions: Diginetica's latest 100,000
/// training sessions (SR-GNN split) under the default options. The benchmark is the first publish of a freshly seeded
/// index (its time, and what it allocates: the view). The setup prints the live bytes per indexed session of the
/// writer and of a published view (measured with full collections, once per process) and that first publish's time
/// (cold). Reads the shared datasets (<c>Journeys.Tests.Support.SharedData</c>). Until 2026-11-29 a test printed the
/// same setup's figures. Run:
/// <c>dotnet run -c Release --project benchmarks -- --filter '*SessionNeighbourIndexBenchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
[RunOncePerIteration]
public class SessionNeighbourIndexBenchmarks
{
    private readonly SessionNeighbourOptions _options = new();
    private List<string[]> _sessions = null!;
    private SessionNeighbourIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sessions = OutcomeData.DigineticaSrGnnTrain().TakeLast(_options.MaxSessions)
            .Select(s => s.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()).ToList();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new SessionNeighbourIndex(_options);
        index.Seed(_sessions);
        // The ids are the sessions' own strings either way (in the engine, the clicks'); counted apart below.
        var writer = GC.GetTotalMemory(forceFullCollection: true) - before;
        var clock = Stopwatch.StartNew();
        var snapshot = index.Snapshot();
        var publishMs = clock.Elapsed.TotalMilliseconds;
        var withSnapshot = GC.GetTotalMemory(forceFullCollection: true) - before;
        var items = _sessions.Sum(s => s.Distinct().Count());

        Console.WriteLine($"{index.SessionCount:N0} sessions, {items:N0} session-products, {index.ItemCount:N0} distinct products");
        Console.WriteLine($"writer {writer / 1e6:F1} MB = {writer / (double)index.SessionCount:F0} B per session; " +
            $"snapshot {(withSnapshot - writer) / 1e6:F1} MB = {(withSnapshot - writer) / (double)index.SessionCount:F0} B per session; " +
            $"first publish {publishMs:F0} ms");
        GC.KeepAlive(snapshot);
    }

    [IterationSetup]
    public void SeedNewIndex()
    {
        _index = new SessionNeighbourIndex(_options);
        _index.Seed(_sessions);
    }

    [Benchmark]
    public long FirstPublish() => _index.Snapshot().Version;
}
