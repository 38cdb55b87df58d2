using Journeys.Scoring.Pricing;

namespace Journeys.Lab.Pricing;

/// <summary>What <see cref="MarketSimulation.Run"/> measured.</summary>
/// <param name="Policies">Every policy on the same evaluation shoppers: list, untrained, journeys, oracle.</param>
/// <param name="Exploration">The logging phase that trained the fitted model (other shoppers, random prices).</param>
public sealed record MarketSimulationResult(
    MarketSimulationOptions Options,
    PricingOptions Pricing,
    IReadOnlyList<PricingPolicyResult> Policies,
    PricingPolicyResult Exploration,
    DemandModel Untrained,
    DemandModel Fitted,
    double Seconds);
