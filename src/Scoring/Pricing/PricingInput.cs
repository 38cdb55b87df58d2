using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Pricing;

/// <summary>
/// Everything an offer may depend on — declared features of the product and of the session's state, and nothing that
/// identifies the shopper. There is no user id, session id or hash of either here, and <see cref="PriceOptimizer.Offer"/>
/// takes nothing else (besides the session's own earlier offer for stability), so equal inputs get equal offers: fairness
/// holds by construction, not by a filter someone could forget.
/// </summary>
public sealed record PricingInput
{
    /// <param name="productId">The product the event concerns; only echoed into the offer, never a pricing feature.</param>
    /// <param name="listPrice">The product's list price (positive, finite).</param>
    /// <param name="cost">Unit cost from the product feed; null when unknown (a default margin is then assumed and stated).</param>
    /// <param name="categoryId">The product's category (picks the demand model's reference price); null when unknown.</param>
    /// <param name="conversionProbability">The session model's conversion probability after the current event, in [0, 1].</param>
    /// <param name="friction">The session model's friction score after the current event, in [0, 1].</param>
    /// <param name="inventory">The forecast stage's view of the product's stock.</param>
    public PricingInput(string productId, double listPrice, double? cost, string? categoryId, double conversionProbability,
        double friction, InventoryPressure inventory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        if (!(double.IsFinite(listPrice) && listPrice > 0))
            throw new ArgumentOutOfRangeException(nameof(listPrice), listPrice, "The list price must be positive and finite.");
        if (cost is { } c && !(double.IsFinite(c) && c >= 0))
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "A known cost must be zero or positive and finite.");
        if (!(conversionProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(conversionProbability), conversionProbability, "The conversion probability must lie in [0, 1].");
        if (!(friction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(friction), friction, "The friction score must lie in [0, 1].");
        if (!Enum.IsDefined(inventory))
            throw new ArgumentOutOfRangeException(nameof(inventory), inventory, "Unknown inventory pressure.");
        ProductId = productId;
        ListPrice = listPrice;
        Cost = cost;
        CategoryId = categoryId;
        ConversionProbability = conversionProbability;
        Friction = friction;
        Inventory = inventory;
    }

    public string ProductId { get; }
    public double ListPrice { get; }
    public double? Cost { get; }
    public string? CategoryId { get; }
    public double ConversionProbability { get; }
    public double Friction { get; }
    public InventoryPressure Inventory { get; }
}
