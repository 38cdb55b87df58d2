using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

/// <summary>Demand models with known coefficients and inputs for the pricing tests.</summary>
internal static class PricingFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// logit P = logit(conversion) + ownSlope · ln(p / list) + frictionSlope · friction · ln(p / list): at list price the
    /// purchase probability is the session's conversion probability.
    /// </summary>
    public static DemandModel Demand(double ownSlope, double frictionSlope = 0) => DemandModel.FromRecord(new DemandModelRecord(
        DemandModel.FormatVersion, $"demand-test-{ownSlope}", Now, "test", null, null, DemandModel.FeatureNames,
        [ownSlope, 0, frictionSlope, 0, 0, 1, 0], 0, new Dictionary<string, double>(), 0, 0,
        new DemandElasticity(ownSlope, ownSlope, 0, 0, 0), new PriceVariation("test", 0, 0, 0, 0), "within-product", "test", null));

    /// <summary>Very price-sensitive: discounts pay whenever there is margin to give.</summary>
    public static DemandModel Elastic => Demand(-12);

    /// <summary>Barely price-sensitive: the list price always earns most.</summary>
    public static DemandModel Inelastic => Demand(-0.3);

    public static PricingInput Input(double list = 100, double? cost = 50, InventoryPressure inventory = InventoryPressure.Normal,
        double conversion = 0.2, double friction = 0.3, string? category = "c1", string product = "p1") =>
        new(product, list, cost, category, conversion, friction, inventory);
}
