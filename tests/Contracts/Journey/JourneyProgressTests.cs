using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;

namespace Journeys.Contracts.Tests.Journey;

public sealed class JourneyProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static ClickEvent Click(int n, ClickType type, int? quantity = null) =>
        new($"e{n}", "s", null, T0.AddSeconds(n), type, ClickTypes.RequiresProduct(type) ? "p-1" : null,
            Quantity: quantity, Query: type == ClickType.Search ? "q" : null);

    private static JourneyStage After(params ClickType[] types)
    {
        var journey = new JourneyProgress();
        for (var i = 0; i < types.Length; i++)
        {
            journey.Apply(Click(i, types[i]));
        }
        return journey.Stage;
    }

    [Fact]
    public void A_new_session_is_in_awareness() => Assert.Equal(JourneyStage.Awareness, After());

    [Fact]
    public void Searches_and_page_views_stay_in_awareness() =>
        Assert.Equal(JourneyStage.Awareness, After(ClickType.PageView, ClickType.Search));

    [Fact]
    public void A_product_view_is_consideration() =>
        Assert.Equal(JourneyStage.Consideration, After(ClickType.PageView, ClickType.ProductView));

    [Fact]
    public void Emptying_the_cart_falls_back_from_intent_to_consideration() =>
        Assert.Equal(JourneyStage.Consideration, After(ClickType.AddToCart, ClickType.RemoveFromCart));

    [Fact]
    public void Checkout_without_cart_lines_is_still_intent() =>
        Assert.Equal(JourneyStage.Intent, After(ClickType.PageView, ClickType.CheckoutStart));

    [Fact]
    public void A_purchase_is_never_undone_by_later_page_views() =>
        Assert.Equal(JourneyStage.Purchase, After(ClickType.Purchase, ClickType.PageView, ClickType.PageView));

    [Fact]
    public void A_second_purchase_means_loyalty() =>
        Assert.Equal(JourneyStage.Loyalty, After(ClickType.Purchase, ClickType.Purchase));

    [Fact]
    public void Partial_removal_keeps_the_remaining_quantity()
    {
        var journey = new JourneyProgress();
        journey.Apply(Click(1, ClickType.AddToCart, quantity: 3));
        journey.Apply(Click(2, ClickType.RemoveFromCart, quantity: 1));

        Assert.Equal(2, journey.Cart["p-1"]);
        Assert.Equal(JourneyStage.Intent, journey.Stage);
    }

    [Fact]
    public void The_cart_keeps_at_most_its_line_limit_evicting_the_oldest()
    {
        var journey = new JourneyProgress(maxCartLines: 2);
        foreach (var (type, p) in new[] { (ClickType.AddToCart, "a"), (ClickType.AddToCart, "b"),
                     (ClickType.RemoveFromCart, "a"), (ClickType.AddToCart, "c"), (ClickType.AddToCart, "d") })
        {
            journey.Apply(new ClickEvent(p + type, "s", null, T0, type, p));
        }

        Assert.Equal(["c", "d"], journey.Cart.Keys);
    }
}
