namespace Journeys.Scoring.Pricing;

/// <summary>
/// The demand model's price response, averaged over its training rows. Holding the product (and so its category
/// reference) fixed, a 1 % higher price moves the purchase log-odds by <see cref="LogitPerLogPrice"/> / 100 and the
/// purchase probability by about <see cref="PriceElasticity"/> %. Negative is the economic sign; a non-negative value
/// means the data did not show buyers shying away from higher prices, and the optimizer then keeps list prices.
/// </summary>
/// <param name="LogitPerLogPrice">Mean over rows of ∂ logit P / ∂ ln p.</param>
/// <param name="PriceElasticity">Mean over rows of ∂ ln P / ∂ ln p = slope × (1 − P).</param>
/// <param name="RelativeToCategory">Coefficient of ln(price / category reference): dearer than its category's peers.</param>
/// <param name="PriceLevel">Coefficient of ln(price): dearer in absolute terms.</param>
public sealed record DemandElasticity(double LogitPerLogPrice, double PriceElasticity, double RelativeToCategory, double PriceLevel);
