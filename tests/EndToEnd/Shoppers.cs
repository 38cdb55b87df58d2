using Journeys.Contracts.Events;

namespace Journeys.EndToEnd.Tests;

/// <summary>Seeded synthetic sessions with a realistic event mix, interleaved across sessions but ordered within each.</summary>
internal static class Shoppers
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static List<ClickEvent> Sessions(int sessions, int eventsPerSession, int seed, string prefix = "s")
    {
        var rng = new Random(seed);
        var perSession = new List<Queue<ClickEvent>>();
        for (var s = 0; s < sessions; s++)
        {
            var id = $"{prefix}-{s}";
            var queue = new Queue<ClickEvent>();
            for (var n = 0; n < eventsPerSession; n++)
            {
                var roll = rng.NextDouble();
                var type = n == 0 ? ClickType.PageView
                    : roll < 0.60 ? ClickType.ProductView
                    : roll < 0.72 ? ClickType.Search
                    : roll < 0.84 ? ClickType.AddToCart
                    : roll < 0.88 ? ClickType.RemoveFromCart
                    : roll < 0.94 ? ClickType.CheckoutStart
                    : roll < 0.97 ? ClickType.Purchase
                    : ClickType.PageView;
                var product = ClickTypes.RequiresProduct(type) ? $"p-{rng.Next(200)}" : null;
                queue.Enqueue(new ClickEvent($"{id}-e{n}", id, $"u-{s}", T0.AddSeconds(s + n * 7), type, product,
                    product is null ? null : $"c-{rng.Next(12)}", product is null ? null : Math.Round(rng.NextDouble() * 200, 2),
                    type is ClickType.AddToCart or ClickType.Purchase ? 1 + rng.Next(3) : null,
                    type == ClickType.Search ? "rain boots" : null, "web"));
            }
            perSession.Add(queue);
        }
        var all = new List<ClickEvent>(sessions * eventsPerSession);
        while (perSession.Count > 0)
        {
            var i = rng.Next(perSession.Count);
            all.Add(perSession[i].Dequeue());
            if (perSession[i].Count == 0)
            {
                perSession.RemoveAt(i);
            }
        }
        return all;
    }
}
