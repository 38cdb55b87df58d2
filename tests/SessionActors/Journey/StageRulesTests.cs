using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Tests.Journey;

public sealed class StageRulesTests
{
    private static JourneyStage After(params ClickType[] types)
    {
        var s = new SessionState("s", 2, new SessionOptions());
        var n = 0;
        foreach (var t in types)
        {
            s.Apply(Events.Click("s", ++n, t, product: "p-1"), new float[2], new float[2]);
        }
        return s.Stage;
    }

    [Fact]
    public void A_new_session_is_in_awareness() => Assert.Equal(JourneyStage.Awareness, After());

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
        var s = new SessionState("s", 2, new SessionOptions());
        s.Apply(Events.Click("s", 1, ClickType.AddToCart, "p-1", quantity: 3), new float[2], new float[2]);
        s.Apply(Events.Click("s", 2, ClickType.RemoveFromCart, "p-1", quantity: 1), new float[2], new float[2]);

        Assert.Equal(2, s.Cart["p-1"]);
        Assert.Equal(JourneyStage.Intent, s.Stage);
    }
}
