using System.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Xunit.Abstractions;

namespace Journeys.Scoring.Tests.Catalog;

/// <summary>
/// The catalog model on real data with the live options: events/s through <see cref="CatalogModel.Observe"/>, the cost
/// of a full and of an incremental snapshot, the encoded size (one Garnet value), and what the relations and trends
/// look like. Run:
/// <c>JOURNEYS_MEASURE=1 dotnet test tests/Scoring -c Release --filter CatalogModelMeasurement --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class CatalogModelMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Diginetica_training_sessions_through_the_live_model()
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
        var tail = 10_000;
        var model = new CatalogModel(new CatalogOptions());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count - tail; i++) model.Observe(events[i]);
        var observeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var full = model.Publish();
        var fullMs = clock.Elapsed.TotalMilliseconds;
        for (var i = events.Count - tail; i < events.Count; i++) model.Observe(events[i]);
        clock.Restart();
        var incremental = model.Publish();
        var incrementalMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var bytes = CatalogSnapshotCodec.Encode(incremental);
        var encodeMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        CatalogSnapshotCodec.Decode(bytes);
        var decodeMs = clock.Elapsed.TotalMilliseconds;

        output.WriteLine($"{events.Count - tail:N0} events observed in {observeSeconds:F1} s ({(events.Count - tail) / observeSeconds:N0} events/s); {model.TrackedItems:N0} products tracked");
        output.WriteLine($"first snapshot (every product new) {fullMs:F0} ms, {full.ProductsWithRelations:N0} products with relations");
        output.WriteLine($"snapshot after {tail:N0} more events {incrementalMs:F0} ms");
        output.WriteLine($"encoded {bytes.Length / 1e6:F1} MB in {encodeMs:F0} ms, decoded in {decodeMs:F0} ms");
        output.WriteLine($"products with a substitute: {Enumerable.Range(1, 43_097).Count(i => incremental.Related($"{i}").Any(r => r.IsSubstitute)):N0}");
    }

    [MeasurementFact]
    public void Rees46_sample_relations_and_trends()
    {
        var events = OutcomeData.Rees46.SelectMany(s => s).OrderBy(e => e.Timestamp).ToList();
        var model = new CatalogModel(new CatalogOptions());
        foreach (var e in events) model.Observe(e);
        var snapshot = model.Publish();
        var products = events.Where(e => e.ProductId is not null).Select(e => e.ProductId!).Distinct().ToList();
        var related = products.Select(p => snapshot.Related(p)).ToList();

        output.WriteLine($"{events.Count:N0} events ({events.Min(e => e.Timestamp):u} … {snapshot.AsOf:u}), {products.Count:N0} products, " +
            $"{events.Count(e => e.Type == ClickType.AddToCart):N0} carts, {events.Count(e => e.Type == ClickType.Purchase):N0} purchases");
        output.WriteLine($"products with co-view relations {related.Count(r => r.Any(x => x.Kind == RelationKind.CoView)):N0}, " +
            $"with co-purchase relations {related.Count(r => r.Any(x => x.Kind == RelationKind.CoPurchase)):N0}, with a substitute {related.Count(r => r.Any(x => x.IsSubstitute)):N0}");
        foreach (var status in Enum.GetValues<TrendStatus>())
        {
            output.WriteLine($"trend {status}: {products.Count(p => snapshot.Trend(p) == status):N0}");
        }
        foreach (var t in snapshot.Trending(null).Take(5))
        {
            output.WriteLine($"trending {t.ProductId} ({snapshot.CategoryOf(t.ProductId)}): {t.Status}, {t.ShortWindowEvents} events in the last hour, momentum {t.Momentum:F2}");
        }
    }
}
