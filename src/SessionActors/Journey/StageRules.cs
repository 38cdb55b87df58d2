using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Journey;

/// <summary>
/// The documented rules for a session's current journey stage (README, "Journey stages"):
/// <list type="bullet">
/// <item>loyalty — the session purchased and then kept browsing or buying (at least one product view, search, cart add or purchase after the first purchase);</item>
/// <item>purchase — the session purchased;</item>
/// <item>intent — something is in the cart, or checkout was started;</item>
/// <item>consideration — at least one product was viewed (or carted and removed again);</item>
/// <item>awareness — otherwise (page views and searches only).</item>
/// </list>
/// The first matching rule wins. The stage can fall back (an emptied cart returns intent to consideration) but never
/// below purchase once a purchase happened.
/// </summary>
public static class StageRules
{
    public static JourneyStage Current(SessionState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.HasPurchased)
        {
            return s.EngagementsAfterPurchase > 0 ? JourneyStage.Loyalty : JourneyStage.Purchase;
        }
        if (s.Cart.Count > 0 || s.TypeCounts[(int)ClickType.CheckoutStart] > 0)
        {
            return JourneyStage.Intent;
        }
        if (s.TypeCounts[(int)ClickType.ProductView] > 0 || s.TypeCounts[(int)ClickType.AddToCart] > 0)
        {
            return JourneyStage.Consideration;
        }
        return JourneyStage.Awareness;
    }
}
