using Journeys.Contracts.Events;

namespace Journeys.Lab.Synthetic;

/// <summary>
/// Distributions fitted from a real click stream, from which <see cref="ShopperPopulation"/> draws synthetic shoppers:
/// item popularity (empirical frequency), each product's category and last seen price, session lengths (empirical
/// histogram), and the event mix as first-order transitions between event types (a session's next type depends on
/// its previous one, so carts follow views and purchases follow carts as in the data).
/// </summary>
public sealed class ShopperProfile
{
    private ShopperProfile(string[] products, double[] productCumulative, string?[] categories, double?[] prices,
        int[] sessionLengths, double[][] transitionCumulative, int sessions, int events)
    {
        Products = products;
        ProductCumulative = productCumulative;
        Categories = categories;
        Prices = prices;
        SessionLengths = sessionLengths;
        TransitionCumulative = transitionCumulative;
        SourceSessions = sessions;
        SourceEvents = events;
    }

    /// <summary>Products, most frequent first.</summary>
    public IReadOnlyList<string> Products { get; }

    internal double[] ProductCumulative { get; }

    internal string?[] Categories { get; }

    internal double?[] Prices { get; }

    /// <summary>Observed session lengths (one entry per source session), sampled uniformly.</summary>
    internal int[] SessionLengths { get; }

    /// <summary>Row = previous type (<see cref="ClickTypes.Count"/> = session start), cumulative probabilities of the next type.</summary>
    internal double[][] TransitionCumulative { get; }

    public int SourceSessions { get; }

    public int SourceEvents { get; }

    public double MeanSessionLength => SessionLengths.Average();

    /// <summary>Fits the profile from events (any order; grouped by session, ordered by time within a session).</summary>
    public static ShopperProfile Fit(IEnumerable<ClickEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var productCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new Dictionary<string, string?>(StringComparer.Ordinal);
        var prices = new Dictionary<string, double?>(StringComparer.Ordinal);
        var sessions = new Dictionary<string, List<ClickEvent>>(StringComparer.Ordinal);
        var total = 0;
        foreach (var e in events)
        {
            total++;
            if (!sessions.TryGetValue(e.SessionId, out var list))
            {
                sessions[e.SessionId] = list = [];
            }
            list.Add(e);
            if (e.ProductId is { } p)
            {
                productCounts[p] = productCounts.GetValueOrDefault(p) + 1;
                categories[p] = e.CategoryId ?? categories.GetValueOrDefault(p);
                prices[p] = e.Price ?? prices.GetValueOrDefault(p);
            }
        }
        if (sessions.Count == 0 || productCounts.Count == 0)
        {
            throw new ArgumentException("cannot fit a shopper profile from a stream without sessions and products", nameof(events));
        }

        var ranked = productCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        var cumulative = Cumulative(ranked.Select(kv => (double)kv.Value));
        var transitions = new double[ClickTypes.Count + 1][];
        var counts = new double[ClickTypes.Count + 1, ClickTypes.Count];
        foreach (var session in sessions.Values)
        {
            var previous = ClickTypes.Count;
            foreach (var e in session.OrderBy(e => e.Timestamp))
            {
                counts[previous, (int)e.Type]++;
                previous = (int)e.Type;
            }
        }
        for (var from = 0; from <= ClickTypes.Count; from++)
        {
            var row = Enumerable.Range(0, ClickTypes.Count).Select(to => counts[from, to]).ToArray();
            // A type never seen as "previous" falls back to the session-start distribution.
            transitions[from] = row.Sum() > 0 ? Cumulative(row) : null!;
        }
        for (var from = 0; from < ClickTypes.Count; from++)
        {
            transitions[from] ??= transitions[ClickTypes.Count];
        }

        return new ShopperProfile(
            [.. ranked.Select(kv => kv.Key)], cumulative,
            [.. ranked.Select(kv => categories[kv.Key])], [.. ranked.Select(kv => prices[kv.Key])],
            [.. sessions.Values.Select(s => s.Count)], transitions, sessions.Count, total);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var w = weights.ToArray();
        var sum = w.Sum();
        var acc = 0.0;
        var c = new double[w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            acc += w[i] / sum;
            c[i] = acc;
        }
        c[^1] = 1.0;
        return c;
    }
}
