using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

/// <summary>
/// The guardrails as properties: for random settings, demand models, inputs and prior offers, no offer ever breaks
/// one. The checks recompute each guardrail from the settings here rather than asking the optimizer for its range.
/// Seeded (Replay) so a run is reproducible.
/// </summary>
public sealed class PriceOptimizerPropertyTests
{
    private const string Seed = "(20250301,1234567)";

    [Property(Arbitrary = [typeof(PricingCases)], MaxTest = 3000, Replay = Seed)]
    public Property No_offer_ever_breaks_a_guardrail(PricingCase c)
    {
        var o = c.Options;
        var input = c.Input;
        var offer = new PriceOptimizer(o, c.Demand).Offer(input, c.Prior, PricingFixtures.Now);
        var list = input.ListPrice;
        var cost = input.Cost ?? (list * (1 - o.DefaultMargin));
        var marginFloor = cost * (1 + o.MinMargin);
        var maxDiscount = input.Inventory switch
        {
            InventoryPressure.StockOutRisk => 0,
            InventoryPressure.Overstocked => o.MaxDiscount + o.OverstockExtraDiscount,
            _ => o.MaxDiscount,
        };
        var discountFloor = list * (1 - maxDiscount);
        var room = marginFloor <= list;
        var p = offer.OfferPrice;
        var stable = room && c.Prior is { } prior && PricingFixtures.Now - prior.ShownAt < o.StabilityWindow
            && prior.OfferPrice >= Math.Max(marginFloor, discountFloor) && prior.OfferPrice <= list;

        return (p <= list).Label($"above list: {p} > {list}")
            .And((!room || p >= marginFloor).Label($"below the margin floor: {p} < {marginFloor}"))
            .And((room || (p == list && offer.Guardrail == PriceGuardrail.MinMargin)).Label($"no margin room but offered {p} ({offer.Guardrail})"))
            .And((p >= discountFloor).Label($"deeper than the allowed discount: {p} < {discountFloor}"))
            .And((input.Inventory != InventoryPressure.StockOutRisk || p == list).Label($"discount at stock-out risk: {p}"))
            .And((!stable || (p == c.Prior!.OfferPrice && offer.Guardrail == PriceGuardrail.Stability)).Label($"unstable: shown {c.Prior?.OfferPrice}, now {p}"))
            .And((c.Demand is not null || stable || p == list).Label("priced without a demand model"))
            .And(PriceGuardrail.All.Contains(offer.Guardrail).Label($"unknown guardrail {offer.Guardrail}"))
            .And((offer.ConversionAtOffer is >= 0 and <= 1 && double.IsFinite(offer.ExpectedProfit)).Label("conversion or profit out of range"))
            .And((offer.ProductId == input.ProductId && offer.ListPrice == list).Label("offer for another product"));
    }

    [Property(Arbitrary = [typeof(PricingCases)], MaxTest = 500, Replay = Seed)]
    public bool Equal_inputs_get_equal_offers(PricingCase c)
    {
        var i = c.Input;
        var twin = new PricingInput(new string(i.ProductId.AsSpan()), i.ListPrice, i.Cost, i.CategoryId is null ? null : new string(i.CategoryId.AsSpan()),
            i.ConversionProbability, i.Friction, i.Inventory);
        var prior = c.Prior is { } p ? p with { } : null;
        return new PriceOptimizer(c.Options, c.Demand).Offer(i, c.Prior, PricingFixtures.Now)
            == new PriceOptimizer(c.Options, c.Demand).Offer(twin, prior, PricingFixtures.Now);
    }

    [Fact]
    public void Nothing_but_declared_features_can_reach_the_optimizer()
    {
        var declared = typeof(PricingInput).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order().ToArray();
        Assert.Equal(["CategoryId", "ConversionProbability", "Cost", "Friction", "Inventory", "ListPrice", "ProductId"], declared);
        Assert.Equal(["OfferPrice", "ProductId", "ShownAt"],
            typeof(PriorOffer).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order().ToArray());
        var offer = typeof(PriceOptimizer).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == nameof(PriceOptimizer.Offer)).ToList();
        Assert.Single(offer);
        Assert.Equal([typeof(PricingInput), typeof(PriorOffer), typeof(DateTimeOffset)], offer[0].GetParameters().Select(p => p.ParameterType));
        // Fields too: the optimizer keeps no per-shopper state through which identity could leak into a later offer.
        Assert.All(typeof(PriceOptimizer).GetFields(BindingFlags.NonPublic | BindingFlags.Instance), f => Assert.True(f.IsInitOnly, f.Name));
    }
}

/// <summary>One random pricing situation.</summary>
public sealed record PricingCase(PricingOptions Options, DemandModel? Demand, PricingInput Input, PriorOffer? Prior)
{
    public override string ToString() =>
        $"options(minMargin {Options.MinMargin}, maxDiscount {Options.MaxDiscount}, extra {Options.OverstockExtraDiscount}, default margin {Options.DefaultMargin}, " +
        $"grid {Options.GridSteps}, decimals {Options.PriceDecimals}, window {Options.StabilityWindow}) demand {Demand?.Version ?? "none"} " +
        $"input(list {Input.ListPrice}, cost {Input.Cost}, category {Input.CategoryId}, conversion {Input.ConversionProbability}, friction {Input.Friction}, {Input.Inventory}) " +
        $"prior({Prior?.OfferPrice}, {Prior?.ShownAt})";
}

/// <summary>FsCheck generators of <see cref="PricingCase"/>: ranges wide enough to reach every branch, with exact edge values mixed in.</summary>
public static class PricingCases
{
    public static Arbitrary<PricingCase> Cases() => Case.ToArbitrary();

    private static Gen<double> Between(double low, double high) =>
        Gen.Frequency(
            (8, Gen.Choose(0, 1_000_000).Select(i => low + ((high - low) * i / 1_000_000.0))),
            (1, Gen.Elements(low, high)));

    private static Gen<double> LogBetween(double low, double high) =>
        Between(Math.Log(low), Math.Log(high)).Select(Math.Exp);

    private static readonly Gen<PricingOptions> Options =
        from minMargin in Gen.Frequency((1, Gen.Constant(0.0)), (4, Between(0, 1)))
        from maxDiscount in Gen.Frequency((1, Gen.Constant(0.0)), (4, Between(0, 0.9)))
        from extraShare in Between(0, 0.99)
        from defaultMargin in Between(0.01, 0.99)
        from grid in Gen.Elements(1, 2, 3, 7, 20, 64)
        from decimals in Gen.Elements(0, 2, 4)
        from windowMinutes in Gen.Elements(0, 1, 30, 240)
        select new PricingOptions
        {
            MinMargin = minMargin,
            MaxDiscount = maxDiscount,
            // Kept so that MaxDiscount + extra < 1, as the validator demands.
            OverstockExtraDiscount = (1 - maxDiscount) * extraShare * 0.999,
            DefaultMargin = defaultMargin,
            GridSteps = grid,
            PriceDecimals = decimals,
            StabilityWindow = TimeSpan.FromMinutes(windowMinutes),
        };

    private static readonly Gen<DemandModel?> Demand =
        Gen.Frequency(
            (1, Gen.Constant<DemandModel?>(null)),
            (4, from slope in Between(-40, 5)
                from frictionSlope in Between(-5, 5)
                select (DemandModel?)PricingFixtures.Demand(slope, frictionSlope)),
            (1, Gen.Choose(0, 1000).Select(seed => (DemandModel?)DemandModel.Seeded(seed))));

    private static readonly Gen<PricingInput> Input =
        from list in LogBetween(0.01, 100_000)
        from costShare in Gen.Frequency((1, Gen.Constant<double?>(null)), (1, Gen.Constant<double?>(0)), (6, Between(0, 1.6).Select(v => (double?)v)))
        from category in Gen.Elements<string?>(null, "c1", "c2")
        from conversion in Between(0, 1)
        from friction in Between(0, 1)
        from inventory in Gen.Elements(Enum.GetValues<InventoryPressure>())
        select new PricingInput("p1", list, costShare * list, category, conversion, friction, inventory);

    private static readonly Gen<PricingCase> Case =
        from options in Options
        from demand in Demand
        from input in Input
        from hasPrior in Gen.Elements(false, true)
        from priorShare in Between(0.3, 1.3)
        from ageMinutes in Between(-5, 300)
        select new PricingCase(options, demand, input,
            hasPrior ? new PriorOffer(input.ProductId, input.ListPrice * priorShare, PricingFixtures.Now.AddMinutes(-ageMinutes)) : null);
}
