using Journeys.Contracts.Events;

namespace Journeys.SessionActors.Tests;

internal static class Events
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static ClickEvent Click(string session, int n, ClickType type = ClickType.ProductView, string? product = "p-9",
        int? quantity = null) =>
        new($"{session}-e{n}", session, null, T0.AddSeconds(n), type,
            type is ClickType.PageView or ClickType.Search or ClickType.CheckoutStart ? null : product,
            Query: type == ClickType.Search ? "boots" : null, Quantity: quantity);
}
