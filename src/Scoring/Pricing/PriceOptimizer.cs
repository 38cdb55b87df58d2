using System.Globalization;
using Journeys.Contracts.Decisions;
using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Pricing;

/// <summary>
/// The offer for one product in one session: the price that maximizes expected profit P(purchase | p) × (p − cost) under
/// the demand model, searched on a grid over the allowed range (<see cref="Range"/>), bounds included. Guardrails are
/// constraints of the search, not corrections after it, so no offer breaks one:
/// <list type="bullet">
/// <item>never above the list price;</item>
/// <item>never below cost × (1 + MinMargin) — unless even the list price is below that, when the list price is offered
/// (guardrail min_margin, "no margin room"): a lower price would lose more;</item>
/// <item>never below list × (1 − MaxDiscount), where MaxDiscount grows by OverstockExtraDiscount for overstocked products
/// and is 0 at stock-out risk;</item>
/// <item>within the stability window the session's earlier price for the product is shown again, as long as it still
/// lies in the range (a catalog change that moved the range takes precedence);</item>
/// <item>the offer is a function of <see cref="PricingInput"/> (declared features only), the session's prior offer and
/// the time — of nothing that identifies the shopper.</item>
/// </list>
/// Thread-safe: it holds no mutable state.
/// </summary>
public sealed class PriceOptimizer
{
    // How far beyond a bound the optimizer looks to tell whether the bound binds (would a price past it earn more?).
    private const double BindingProbe = 0.01;

    private readonly double decimalsScale;

    public PriceOptimizer(PricingOptions options, DemandModel? demand)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new PricingOptionsValidator().Validate(null, options);
        if (check.Failed) throw new ArgumentException(check.FailureMessage, nameof(options));
        Options = options;
        Demand = demand;
        decimalsScale = Math.Pow(10, options.PriceDecimals);
    }

    public PricingOptions Options { get; }

    /// <summary>Null: no demand model; every offer is the list price and says so.</summary>
    public DemandModel? Demand { get; }

    public PriceRange Range(PricingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var list = input.ListPrice;
        var cost = input.Cost ?? (list * (1 - Options.DefaultMargin));
        var maxDiscount = MaxDiscount(input.Inventory);
        var marginFloor = cost * (1 + Options.MinMargin);
        var discountFloor = list * (1 - maxDiscount);
        var noRoom = marginFloor > list;
        var lower = noRoom ? list : Math.Max(marginFloor, discountFloor);
        return new PriceRange(lower, list, cost, input.Cost is null, marginFloor, discountFloor, maxDiscount, noRoom);
    }

    public double MaxDiscount(InventoryPressure pressure) => pressure switch
    {
        InventoryPressure.StockOutRisk => 0,
        InventoryPressure.Overstocked => Options.MaxDiscount + Options.OverstockExtraDiscount,
        _ => Options.MaxDiscount,
    };

    /// <param name="prior">The price this session was shown for this product, if any (same product id).</param>
    public PriceOffer Offer(PricingInput input, PriorOffer? prior, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (prior is not null && !string.Equals(prior.ProductId, input.ProductId, StringComparison.Ordinal))
            throw new ArgumentException($"The prior offer is for product {prior.ProductId}, the input for {input.ProductId}.", nameof(prior));
        var range = Range(input);
        var list = input.ListPrice;
        var notes = new List<string>();
        if (range.CostAssumed) notes.Add($"cost assumed {Percent(Options.DefaultMargin)} below list");
        if (input.Inventory == InventoryPressure.Overstocked) notes.Add($"overstocked: discount up to {Percent(range.MaxDiscount)}");
        if (input.Inventory == InventoryPressure.StockOutRisk) notes.Add("stock-out risk: no discount");

        if (range.NoMarginRoom)
        {
            return Make(input, range, list, PriceGuardrail.MinMargin,
                F($"no margin room: cost × {1 + Options.MinMargin:0.###} = {range.MarginFloor:0.##} is above list {list:0.##}, list offered"), notes);
        }
        if (prior is not null)
        {
            var age = now - prior.ShownAt;
            if (age < Options.StabilityWindow)
            {
                if (prior.OfferPrice >= range.Lower && prior.OfferPrice <= range.Upper)
                {
                    return Make(input, range, prior.OfferPrice, PriceGuardrail.Stability,
                        F($"stability: price shown {Math.Max(0, age.TotalMinutes):0.#} min ago kept (window {Options.StabilityWindow.TotalMinutes:0.#} min)"), notes);
                }
                notes.Add(F($"earlier price {prior.OfferPrice:0.##} left the allowed range (catalog changed), repriced"));
            }
        }
        if (Demand is null)
        {
            notes.Insert(0, "no demand model: list price, conversion and profit not estimated (0)");
            return new PriceOffer(input.ProductId, list, list, 0, 0, PriceGuardrail.None, string.Join("; ", notes));
        }

        var steps = Options.GridSteps;
        var bestIndex = -1;
        double bestPrice = list, bestProfit = double.NegativeInfinity;
        // From the top down with a strict comparison: of equally profitable prices the highest (smallest discount) wins.
        for (var i = steps; i >= 0; i--)
        {
            var raw = i == steps ? range.Upper : Math.Clamp(range.Lower + ((range.Upper - range.Lower) * i / steps), range.Lower, range.Upper);
            var price = Round(raw, range.Lower, range.Upper);
            var profit = Profit(input, price, range.Cost);
            if (profit > bestProfit)
            {
                bestProfit = profit;
                bestPrice = price;
                bestIndex = i;
            }
        }
        var (guardrail, outcome) = Binding(input, range, bestPrice, bestProfit, atLower: bestIndex == 0 || range.Lower == range.Upper, atUpper: bestIndex == steps);
        return Make(input, range, bestPrice, guardrail, outcome, notes);
    }

    private (string Guardrail, string Outcome) Binding(PricingInput input, PriceRange range, double price, double profit, bool atLower, bool atUpper)
    {
        var probe = input.ListPrice * BindingProbe;
        if (atLower && Profit(input, range.Lower - probe, range.Cost) > profit)
        {
            if (range.MaxDiscount == 0 && input.Inventory == InventoryPressure.StockOutRisk && range.DiscountFloor >= range.MarginFloor)
                return (PriceGuardrail.StockOutRisk, "a discount would earn more, none at stock-out risk");
            return range.MarginFloor >= range.DiscountFloor
                ? (PriceGuardrail.MinMargin, F($"at the margin floor ({Percent(Options.MinMargin)} over cost); lower would earn more"))
                : (PriceGuardrail.MaxDiscount, F($"at the deepest discount ({Percent(range.MaxDiscount)}); deeper would earn more"));
        }
        if (atUpper && Profit(input, range.Upper + probe, range.Cost) > profit)
            return (PriceGuardrail.ListPrice, "at list price; a higher price would earn more");
        return (PriceGuardrail.None, price == input.ListPrice ? "list price is the optimum" : "optimum inside the allowed range");
    }

    private double Profit(PricingInput input, double price, double cost) =>
        price <= 0 ? double.NegativeInfinity : Conversion(input, price) * (price - cost);

    private double Conversion(PricingInput input, double price) =>
        Demand!.Probability(price, input.ListPrice, input.CategoryId, input.ConversionProbability, input.Friction);

    private PriceOffer Make(PricingInput input, PriceRange range, double price, string guardrail, string outcome, List<string> notes)
    {
        var conversion = Demand is null ? 0 : Conversion(input, price);
        var profit = Demand is null ? 0 : conversion * (price - range.Cost);
        var parts = new List<string> { outcome };
        parts.AddRange(notes);
        parts.Add(Demand is null ? "no demand model" : $"demand {Demand.Version}");
        return new PriceOffer(input.ProductId, input.ListPrice, price, profit, conversion, guardrail, string.Join("; ", parts));
    }

    // Rounded to PriceDecimals where the rounded price still lies in the range; otherwise the exact price (a range
    // narrower than a cent, or a bound that rounds outward).
    private double Round(double price, double lower, double upper)
    {
        var rounded = Math.Round(price * decimalsScale, MidpointRounding.AwayFromZero) / decimalsScale;
        if (rounded < lower) rounded = Math.Ceiling(lower * decimalsScale) / decimalsScale;
        else if (rounded > upper) rounded = Math.Floor(upper * decimalsScale) / decimalsScale;
        return rounded >= lower && rounded <= upper ? rounded : price;
    }

    private static string Percent(double fraction) => F($"{fraction * 100:0.#}%");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
