using Journeys.Contracts.Events;

namespace Journeys.Scoring.Tests.Views;

/// <summary>
/// A seeded click stream that exercises everything a view keeps: many sessions interleaved, views, carts, removals and
/// purchases (with quantities), categories, products beyond the tables' bounds, and hours of event time (trend buckets,
/// decay, new days).
/// </summary>
internal static class ViewStreams
{
    public static IReadOnlyList<ClickEvent> Mixed(int seed, int count, int products = 150, int liveSessions = 40)
    {
        var random = new Random(seed);
        var time = new DateTimeOffset(2025, 3, 1, 22, 0, 0, TimeSpan.Zero);
        var sessions = new List<string>();
        var next = 0;
        var clicks = new List<ClickEvent>(count);
        for (var i = 0; i < count; i++)
        {
            time = time.AddSeconds(random.Next(1, 40));
            if (sessions.Count < liveSessions || random.NextDouble() < 0.05)
            {
                if (sessions.Count >= liveSessions) sessions.RemoveAt(random.Next(sessions.Count));
                sessions.Add($"s{next++}");
            }
            var session = sessions[random.Next(sessions.Count)];
            // Skewed popularity: low numbers far more often.
            var product = (int)(products * Math.Pow(random.NextDouble(), 2.5));
            var roll = random.NextDouble();
            var type = roll < 0.70 ? ClickType.ProductView
                : roll < 0.82 ? ClickType.AddToCart
                : roll < 0.86 ? ClickType.RemoveFromCart
                : roll < 0.95 ? ClickType.Purchase
                : ClickType.PageView;
            clicks.Add(new ClickEvent($"e{i}", session, null, time, type,
                ProductId: type == ClickType.PageView ? null : $"p{product}",
                CategoryId: type == ClickType.PageView ? null : $"c{product % 7}",
                Quantity: type == ClickType.Purchase ? random.Next(1, 4) : null));
        }
        return clicks;
    }
}
