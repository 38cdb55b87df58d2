using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Tests;

namespace Journeys.Benchmarks.Scoring.Catalog;

/// <summary>
/// What the catalog model makes of the bundled REES46 sample with the live options: how many products get co-view and
/// co-purchase relations and substitutes, how many are in each trend status, and the five trending at its end. Figures
/// about the data, not timings (until 2026-11-29 a test printed them). Run:
/// <c>dotnet run -c Release --project benchmarks -- catalog-relations</c>
/// </summary>
internal static class CatalogRelationsReport
{
    public const string Command = "catalog-relations";

    public static void Write(TextWriter output)
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
