namespace Journeys.Scoring.Pricing;

/// <summary>
/// The prices an offer may take for one input: [<see cref="Lower"/>, <see cref="Upper"/>] with
/// Lower = max(<see cref="MarginFloor"/>, <see cref="DiscountFloor"/>) and Upper = the list price. When the margin floor
/// lies above the list price (<see cref="NoMarginRoom"/>) the range is the list price alone.
/// </summary>
/// <param name="Cost">The product feed's cost, or the one assumed from the default margin (<see cref="CostAssumed"/>).</param>
/// <param name="MarginFloor">cost × (1 + MinMargin).</param>
/// <param name="DiscountFloor">list × (1 − <see cref="MaxDiscount"/>).</param>
/// <param name="MaxDiscount">The discount allowed for this product's inventory pressure.</param>
public sealed record PriceRange(
    double Lower,
    double Upper,
    double Cost,
    bool CostAssumed,
    double MarginFloor,
    double DiscountFloor,
    double MaxDiscount,
    bool NoMarginRoom);
