namespace Journeys.Scoring.Pricing;

/// <summary>
/// Configuration section <c>Pricing</c>: the guardrails every offer keeps and the demand model that prices within them.
/// Validated at start (<see cref="PricingOptionsValidator"/>). Fractions are of the list price unless said otherwise.
/// </summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>Smallest margin over cost: no offer below cost × (1 + MinMargin). Default 0.05 (5 % above cost).</summary>
    public double MinMargin { get; set; } = 0.05;

    /// <summary>Deepest discount from the list price: no offer below list × (1 − MaxDiscount). Default 0.20.</summary>
    public double MaxDiscount { get; set; } = 0.20;

    /// <summary>
    /// Extra discount room for overstocked products, added to <see cref="MaxDiscount"/>. Default 0.10 (so up to 30 % off).
    /// Products at stock-out risk get no discount at all, whatever these say.
    /// </summary>
    public double OverstockExtraDiscount { get; set; } = 0.10;

    /// <summary>
    /// Within this time after a session was shown a price for a product, it is shown the same price for that product
    /// (unless the product feed changed so that price would break another guardrail). Default 30 minutes.
    /// </summary>
    public TimeSpan StabilityWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Margin (list − cost) / list assumed when the product feed has no cost for a product; every such offer says so in its
    /// reason. Default 0.30.
    /// </summary>
    public double DefaultMargin { get; set; } = 0.30;

    /// <summary>Candidate prices between the lowest allowed price and the list price (both bounds included). Default 20.</summary>
    public int GridSteps { get; set; } = 20;

    /// <summary>Offers are rounded to this many decimals where the allowed range leaves room. Default 2 (cents).</summary>
    public int PriceDecimals { get; set; } = 2;

    /// <summary>
    /// A demand model file (<c>journeys train --task demand</c>). Null: no demand model, so every offer is the list price
    /// with the reason "no demand model" and no conversion or profit estimate.
    /// </summary>
    public string? DemandModelPath { get; set; }
}
