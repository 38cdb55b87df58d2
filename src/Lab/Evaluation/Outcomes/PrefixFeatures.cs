using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// The baseline's engineered features: aggregates of a session's prefix (events 0…t) at every step t, the RFM-style
/// signals a hand-built conversion model would use. Only events up to and including t are read, so a feature never sees
/// the future its label describes. Heavy-tailed quantities (counts, seconds, money) enter as log(1 + x), which keeps a
/// linear model from being dominated by a few long sessions or expensive carts.
/// <list type="bullet">
/// <item>counts per click type so far (7, log1p), events so far, distinct products, distinct categories (log1p);</item>
/// <item>recency: seconds since the previous event (0 for the first), session duration so far (log1p seconds);</item>
/// <item>cart: lines, and value = Σ quantity × price over the cart of <see cref="JourneyProgress"/> (add/remove/purchase
/// rules as the engine's), each line priced at the last price seen for that product in the session (unknown → 0);</item>
/// <item>max and mean price of viewed products (log1p; 0 without prices), has searched, has purchased, the journey
/// stage (0 awareness … 4 loyalty);</item>
/// <item>the current event's type (one-hot, 7) and time of day (sin, cos of the UTC hour angle). Time of day is weak on
/// the bundled data: DIGINETICA's clock is midnight + offset, the REES46 sample covers three hours.</item>
/// </list>
/// </summary>
public static class PrefixFeatures
{
    private static readonly string[] TypeNames =
        ["page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout_start", "purchase"];

    private static readonly string[] AggregateNames =
    [
        "events_log1p", "distinct_products_log1p", "distinct_categories_log1p", "recency_seconds_log1p",
        "duration_seconds_log1p", "cart_lines", "cart_value_log1p", "max_price_viewed_log1p", "mean_price_viewed_log1p",
        "has_searched", "has_purchased", "stage", "hour_sin", "hour_cos",
    ];

    /// <summary>Column names in the order of <see cref="Extract"/>'s rows.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. TypeNames.Select(t => $"count_{t}_log1p"),
        .. AggregateNames,
        .. TypeNames.Select(t => $"current_{t}"),
    ];

    /// <summary>The column of a feature name.</summary>
    /// <exception cref="ArgumentException">No feature has that name.</exception>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"No prefix feature is named '{name}'.", nameof(name));
    }

    /// <summary>One row per event of <paramref name="session"/> (in the given order): the features after that event.</summary>
    public static double[][] Extract(IReadOnlyList<ClickEvent> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (ClickTypes.Count != TypeNames.Length)
        {
            throw new InvalidOperationException("PrefixFeatures names one column per ClickType; a new type needs a name here.");
        }
        var rows = new double[session.Count][];
        var journey = new JourneyProgress();
        var products = new HashSet<string>(StringComparer.Ordinal);
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var lastPrice = new Dictionary<string, double>(StringComparer.Ordinal);
        double maxViewed = 0, sumViewed = 0;
        var viewedWithPrice = 0;
        for (var t = 0; t < session.Count; t++)
        {
            var e = session[t];
            journey.Apply(e);
            if (e.ProductId is { } product)
            {
                products.Add(product);
                if (e.Price is { } p && double.IsFinite(p) && p >= 0)
                {
                    lastPrice[product] = p;
                }
            }
            if (e.CategoryId is { } category)
            {
                categories.Add(category);
            }
            if (e is { Type: ClickType.ProductView, Price: { } viewed } && double.IsFinite(viewed) && viewed >= 0)
            {
                maxViewed = Math.Max(maxViewed, viewed);
                sumViewed += viewed;
                viewedWithPrice++;
            }
            double cartValue = 0;
            foreach (var (line, quantity) in journey.Cart)
            {
                cartValue += quantity * lastPrice.GetValueOrDefault(line);
            }
            var row = new double[Names.Count];
            var c = 0;
            for (var k = 0; k < TypeNames.Length; k++)
            {
                row[c++] = Math.Log(1 + journey.TypeCounts[k]);
            }
            row[c++] = Math.Log(1 + t + 1);
            row[c++] = Math.Log(1 + products.Count);
            row[c++] = Math.Log(1 + categories.Count);
            row[c++] = t == 0 ? 0 : Math.Log(1 + Seconds(session[t - 1].Timestamp, e.Timestamp));
            row[c++] = Math.Log(1 + Seconds(session[0].Timestamp, e.Timestamp));
            row[c++] = journey.Cart.Count;
            row[c++] = Math.Log(1 + cartValue);
            row[c++] = Math.Log(1 + maxViewed);
            row[c++] = viewedWithPrice == 0 ? 0 : Math.Log(1 + (sumViewed / viewedWithPrice));
            row[c++] = journey.TypeCounts[(int)ClickType.Search] > 0 ? 1 : 0;
            row[c++] = journey.HasPurchased ? 1 : 0;
            row[c++] = (int)journey.Stage;
            var hourAngle = 2 * Math.PI * e.Timestamp.UtcDateTime.TimeOfDay.TotalHours / 24;
            row[c++] = Math.Sin(hourAngle);
            row[c++] = Math.Cos(hourAngle);
            row[c + (int)e.Type] = 1;
            rows[t] = row;
        }
        return rows;
    }

    // Clock skew (an event stamped before its predecessor) counts as no time passing, as in FeatureEncoder.
    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);
}
