using Journeys.Scoring.Forecast;

namespace Journeys.Lab.Pricing;

/// <summary>A product of the simulated market.</summary>
/// <param name="TrueCost">What a sale really costs; profit is counted with it.</param>
/// <param name="FeedCost">What the product feed says: the true cost, or null (unknown to pricing).</param>
/// <param name="Appeal">Shifts every shopper's intent to buy this product (log-odds).</param>
/// <param name="WtpLocation">Median willingness to pay over list, in logs (0: half the interested shoppers would pay list).</param>
public sealed record SimulatedProduct(
    string ProductId,
    string CategoryId,
    double ListPrice,
    double TrueCost,
    double? FeedCost,
    InventoryPressure Inventory,
    double Appeal,
    double WtpLocation);
