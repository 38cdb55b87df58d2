namespace Journeys.Lab.Pricing;

/// <summary>
/// One pricing policy over a set of simulated shoppers. Profit is counted with the true cost. <see cref="ExpectedProfit"/>
/// sums each shopper's true P(buy) × margin — the same comparison without the luck of the purchase draws.
/// </summary>
/// <param name="MeanDiscount">Mean of 1 − offer / list over the shoppers (offers, not only sales).</param>
/// <param name="Guardrails">How often each guardrail decided the offer (optimizer policies only).</param>
public sealed record PricingPolicyResult(
    string Name,
    string Description,
    int Shoppers,
    int Purchases,
    double Profit,
    double ExpectedProfit,
    double Revenue,
    double MeanDiscount,
    IReadOnlyDictionary<string, int> Guardrails)
{
    public double Conversion => Shoppers == 0 ? double.NaN : Purchases / (double)Shoppers;
}
