namespace Journeys.Scoring.Pricing;

/// <summary>
/// The demand model's price response, averaged over its training rows. For one product, a 1 % higher price moves the
/// purchase log-odds by <see cref="LogitPerLogPrice"/> / 100 and the purchase probability by about
/// <see cref="PriceElasticity"/> %. Negative is the economic sign; a non-negative value means the data did not show
/// buyers shying away from higher prices, and the optimizer then keeps list prices.
/// </summary>
/// <param name="LogitPerLogPrice">Mean over rows of ∂ logit P / ∂ ln p for a fixed product (the own-price slope the optimizer uses).</param>
/// <param name="PriceElasticity">Mean over rows of ∂ ln P / ∂ ln p = slope × (1 − P).</param>
/// <param name="AcrossProducts">∂ logit P / ∂ ln(list price) across products of one category: <see cref="RelativeToCategory"/> + <see cref="PriceLevel"/>.</param>
/// <param name="RelativeToCategory">Coefficient of ln(list / category reference): dearer than its category's peers.</param>
/// <param name="PriceLevel">Coefficient of ln(list): dearer in absolute terms.</param>
public sealed record DemandElasticity(double LogitPerLogPrice, double PriceElasticity, double AcrossProducts, double RelativeToCategory, double PriceLevel);
