using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;

namespace Journeys.Contracts.Journey;

/// <summary>
/// What a session has done so far, and the journey stage that follows from it by the documented rules
/// (docs/contracts.md, "Journey stages"). The first matching rule wins:
/// <list type="number">
/// <item>loyalty — purchased, then kept browsing or buying (a product view, search, cart add or purchase after the first purchase);</item>
/// <item>purchase — purchased;</item>
/// <item>intent — something is in the cart, or checkout was started;</item>
/// <item>consideration — a product was viewed (or carted and removed again);</item>
/// <item>awareness — otherwise (page views and searches only).</item>
/// </list>
/// The engine's session actors and the training labels both use this one definition, so the stage a decision reports
/// and the stage a model learns to forecast cannot drift apart. The cart is bounded (oldest line evicted).
/// </summary>
public sealed class JourneyProgress
{
    private readonly int _maxCartLines;

    public JourneyProgress(int maxCartLines = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCartLines, 1);
        _maxCartLines = maxCartLines;
    }

    /// <summary>Count of applied events per <see cref="ClickType"/> (indexed by the enum value).</summary>
    public int[] TypeCounts { get; } = new int[ClickTypes.Count];

    /// <summary>
    /// Cart lines: product id → quantity, oldest first. (A plain Dictionary reuses freed slots, so its first key is
    /// not the oldest once a line was removed.)
    /// </summary>
    public OrderedDictionary<string, int> Cart { get; } = new(StringComparer.Ordinal);

    public bool HasPurchased { get; private set; }

    /// <summary>Browsing or buying actions after the session's first purchase (the loyalty signal).</summary>
    public int EngagementsAfterPurchase { get; private set; }

    public JourneyStage Stage
    {
        get
        {
            if (HasPurchased)
            {
                return EngagementsAfterPurchase > 0 ? JourneyStage.Loyalty : JourneyStage.Purchase;
            }
            if (Cart.Count > 0 || TypeCounts[(int)ClickType.CheckoutStart] > 0)
            {
                return JourneyStage.Intent;
            }
            if (TypeCounts[(int)ClickType.ProductView] > 0 || TypeCounts[(int)ClickType.AddToCart] > 0)
            {
                return JourneyStage.Consideration;
            }
            return JourneyStage.Awareness;
        }
    }

    public void Apply(ClickEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        TypeCounts[(int)e.Type]++;
        if (HasPurchased && e.Type is ClickType.ProductView or ClickType.Search or ClickType.AddToCart or ClickType.Purchase)
        {
            EngagementsAfterPurchase++;
        }
        switch (e.Type)
        {
            case ClickType.AddToCart when e.ProductId is not null:
                AddToCart(e.ProductId, e.Quantity ?? 1);
                break;
            case ClickType.RemoveFromCart when e.ProductId is not null:
                RemoveFromCart(e.ProductId, e.Quantity);
                break;
            case ClickType.Purchase:
                HasPurchased = true;
                // A purchase empties the cart line it bought; other lines stay for a later order.
                if (e.ProductId is not null)
                {
                    Cart.Remove(e.ProductId);
                }
                break;
        }
    }

    /// <summary>
    /// Puts back progress saved earlier (a session snapshot): counters, purchase flags and cart lines in their order.
    /// Only for a fresh instance.
    /// </summary>
    public void Restore(IReadOnlyList<int> typeCounts, bool hasPurchased, int engagementsAfterPurchase,
        IEnumerable<KeyValuePair<string, int>> cart)
    {
        ArgumentNullException.ThrowIfNull(typeCounts);
        ArgumentNullException.ThrowIfNull(cart);
        if (typeCounts.Count != TypeCounts.Length)
        {
            throw new ArgumentException($"expected {TypeCounts.Length} type counts, got {typeCounts.Count}", nameof(typeCounts));
        }
        for (var i = 0; i < TypeCounts.Length; i++)
        {
            TypeCounts[i] = typeCounts[i];
        }
        HasPurchased = hasPurchased;
        EngagementsAfterPurchase = engagementsAfterPurchase;
        Cart.Clear();
        foreach (var (product, quantity) in cart)
        {
            AddToCart(product, quantity);
        }
    }

    private void AddToCart(string productId, int quantity)
    {
        if (Cart.TryGetValue(productId, out var q))
        {
            Cart[productId] = checked(q + quantity);
            return;
        }
        if (Cart.Count >= _maxCartLines)
        {
            Cart.RemoveAt(0);
        }
        Cart[productId] = quantity;
    }

    private void RemoveFromCart(string productId, int? quantity)
    {
        if (!Cart.TryGetValue(productId, out var q))
        {
            return;
        }
        var left = quantity is { } n ? q - n : 0;
        if (left > 0)
        {
            Cart[productId] = left;
        }
        else
        {
            Cart.Remove(productId);
        }
    }
}
