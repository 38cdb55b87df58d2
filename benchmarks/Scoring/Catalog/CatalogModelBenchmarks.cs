using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Tests;

namespace Journeys.Benchmarks.Scoring.Catalog;

/// <summary>
/// The catalog model on Diginetica's SR-GNN training sessions (one click a second) with the live options: every click
/// but the last 10,000 through <see cref="CatalogModel.Observe"/> into a new model (one operation = the whole feed; the
/// setup prints the count, so events/s = count / mean), the first snapshot (every product new), a snapshot after the
/// last 10,000 clicks, and the binary encode and decode of that snapshot (one Garnet value). The encode's setup prints
/// the sizes: products tracked, with relations, with a substitute, encoded MB. Reads the shared datasets
/// (<c>Journeys.Tests.Support.SharedData</c>). Until 2026-11-29 a test measured the same with a stopwatch, once. Run:
/// <c>dotnet run -c Release --project benchmarks -- --filter '*CatalogModelBenchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
[RunOncePerIteration]
public class CatalogModelBenchmarks
{
    private const int Tail = 10_000;

    private List<ClickEvent> _events = null!;
    private CatalogModel _model = null!;
    private CatalogSnapshot _incremental = null!;
    private byte[] _encoded = null!;

    [GlobalSetup(Targets = [nameof(ObserveAllButTheTail), nameof(FirstSnapshot), nameof(SnapshotAfterTheTail)])]
    public void ReadEvents()
    {
        _events = DigineticaClicks();
        Console.WriteLine($"{_events.Count - Tail:N0} events observed per {nameof(ObserveAllButTheTail)}");
    }

    [GlobalSetup(Targets = [nameof(Encode), nameof(Decode)])]
    public void SnapshotAndEncode()
    {
        _events = DigineticaClicks();
        _model = ObservedAllButTheTail();
        var full = _model.Publish();
        ObserveTheTail(_model);
        _incremental = _model.Publish();
        _encoded = CatalogSnapshotCodec.Encode(_incremental);
        Console.WriteLine($"{_events.Count - Tail:N0} events, then {Tail:N0} more; {_model.TrackedItems:N0} products tracked; " +
            $"first snapshot {full.ProductsWithRelations:N0} products with relations");
        Console.WriteLine($"encoded {_encoded.Length / 1e6:F1} MB; products with a substitute: " +
            $"{Enumerable.Range(1, 43_097).Count(i => _incremental.Related($"{i}").Any(r => r.IsSubstitute)):N0}");
    }

    [IterationSetup(Target = nameof(FirstSnapshot))]
    public void NewModel() => _model = ObservedAllButTheTail();

    [IterationSetup(Target = nameof(SnapshotAfterTheTail))]
    public void NewModelSnapshottedThenTheTail()
    {
        _model = ObservedAllButTheTail();
        _model.Publish();
        ObserveTheTail(_model);
    }

    [Benchmark]
    public int ObserveAllButTheTail() => ObservedAllButTheTail().TrackedItems;

    [Benchmark]
    public int FirstSnapshot() => _model.Publish().ProductsWithRelations;

    [Benchmark]
    public int SnapshotAfterTheTail() => _model.Publish().ProductsWithRelations;

    [Benchmark]
    public int Encode() => CatalogSnapshotCodec.Encode(_incremental).Length;

    [Benchmark]
    public CatalogSnapshot Decode() => CatalogSnapshotCodec.Decode(_encoded);

    private static List<ClickEvent> DigineticaClicks()
    {
        var sessions = OutcomeData.DigineticaSrGnnTrain();
        // No timestamps in this split: one event a second, so the default 7-day half-life decays across its ~10 days.
        var start = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<ClickEvent>();
        for (var s = 0; s < sessions.Count; s++)
        {
            foreach (var item in sessions[s])
            {
                events.Add(new ClickEvent($"e{events.Count}", $"s{s}", null, start.AddSeconds(events.Count), ClickType.ProductView, $"{item}"));
            }
        }
        return events;
    }

    private CatalogModel ObservedAllButTheTail()
    {
        var model = new CatalogModel(new CatalogOptions());
        for (var i = 0; i < _events.Count - Tail; i++) model.Observe(_events[i]);
        return model;
    }

    private void ObserveTheTail(CatalogModel model)
    {
        for (var i = _events.Count - Tail; i < _events.Count; i++) model.Observe(_events[i]);
    }
}
