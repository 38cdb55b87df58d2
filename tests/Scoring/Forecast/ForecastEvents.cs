using Journeys.Contracts.Events;

namespace Journeys.Scoring.Tests.Forecast;

/// <summary>Clicks for the forecast tests (and ForecastModelBenchmarks, which links this file), on a calendar starting at midnight UTC of <see cref="Day0"/>.</summary>
internal static class ForecastEvents
{
    public static readonly DateTimeOffset Day0 = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);
    private static int _next;

    public static ClickEvent Purchase(string productId, int day, int? quantity = null, double hour = 12) =>
        new($"e{Interlocked.Increment(ref _next)}", "s1", null, Day0.AddDays(day).AddHours(hour), ClickType.Purchase, productId, Quantity: quantity);

    public static ClickEvent View(int day, double hour = 0, string productId = "viewed") =>
        new($"e{Interlocked.Increment(ref _next)}", "s1", null, Day0.AddDays(day).AddHours(hour), ClickType.ProductView, productId);

    /// <summary>A view at midnight of day 0 (so no day is partial), <paramref name="perDay"/> units of the product a day, then a view opening day <paramref name="days"/>.</summary>
    public static List<ClickEvent> SteadySeller(string productId, int days, int perDay)
    {
        var events = new List<ClickEvent> { View(0) };
        for (var d = 0; d < days; d++) events.Add(Purchase(productId, d, perDay));
        events.Add(View(days));
        return events;
    }
}
