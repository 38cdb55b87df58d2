using System.Text.Json;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Json;

namespace Journeys.EndToEnd.Tests;

/// <summary>
/// What must match when an event is decided again after a crash: everything but when it was made. Recommendations and
/// price also read the live catalog and forecast views, which a restarted engine rebuilds: a decision made again with
/// other views may differ there, and says so by naming them; with the same views it may not.
/// </summary>
internal static class DecisionContent
{
    public static string Full(Decision d) =>
        JsonSerializer.Serialize(d with { DecidedAt = default, LatencyMs = 0 }, JourneysJsonContext.Default.Decision);

    /// <summary>The part only the session and its model decide.</summary>
    public static string Model(Decision d) => Full(d with
    {
        Recommendations = [],
        Price = null,
        CatalogVersion = null,
        ForecastVersion = null,
    });

    /// <summary>Events decided more than once whose decisions differ in more than the rules above allow.</summary>
    public static IReadOnlyList<string> Differing(IEnumerable<Decision> decisions) =>
    [
        .. decisions.GroupBy(d => d.EventId).Where(g => g.Count() > 1).Where(g =>
        {
            var first = g.First();
            return g.Any(d => Model(d) != Model(first)
                || (d.CatalogVersion == first.CatalogVersion && d.ForecastVersion == first.ForecastVersion && Full(d) != Full(first)));
        }).Select(g => g.Key),
    ];
}
