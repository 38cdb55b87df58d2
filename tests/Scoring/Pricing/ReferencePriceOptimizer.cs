using System.Globalization;
using Journeys.Contracts.Decisions;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

/// <summary>
/// The oracle for <see cref="PriceOptimizer.Offer"/> and <see cref="DemandModel.Probability"/>: both as they were before
/// the allocation work (commit 1df6c9c), kept verbatim (a feature array per probability, a list of notes joined into the
/// reason, formattable strings), reading the demand model only through its public record. Do not optimize this copy.
/// </summary>
internal sealed class ReferencePriceOptimizer
{
    private const double BindingProbe = 0.01;
    private const double ConversionClip = 1e-4;

    private readonly double _decimalsScale;
    private readonly double[]? _coefficients;
    private readonly Dictionary<string, double>? _references;

    public ReferencePriceOptimizer(PricingOptions options, DemandModel? demand)
    {
        Options = options;
        Demand = demand;
        _decimalsScale = Math.Pow(10, options.PriceDecimals);
        if (demand is not null)
        {
            _coefficients = [.. demand.Record.Coefficients];
            _references = new Dictionary<string, double>(demand.Record.CategoryReferencePrices, StringComparer.Ordinal);
        }
    }

    public PricingOptions Options { get; }

    public DemandModel? Demand { get; }

    /// <summary>The demand model's purchase probability, computed as <see cref="DemandModel.Probability"/> did.</summary>
    public double Probability(double price, double listPrice, string? categoryId, double conversion, double friction)
    {
        var reference = categoryId is not null && _references!.TryGetValue(categoryId, out var r) ? r : listPrice;
        var x = Features(price, listPrice, reference, conversion, friction);
        var z = Demand!.Record.Intercept;
        for (var j = 0; j < x.Length; j++) z += _coefficients![j] * x[j];
        return 1 / (1 + Math.Exp(-z));
    }

    private static double[] Features(double price, double listPrice, double reference, double conversion, double friction)
    {
        var own = Math.Log(price / listPrice);
        var logit = Logit(conversion);
        return [own, own * logit, own * friction, Math.Log(listPrice / reference), Math.Log(listPrice), logit, friction];
    }

    private static double Logit(double p)
    {
        var c = Math.Clamp(p, ConversionClip, 1 - ConversionClip);
        return Math.Log(c / (1 - c));
    }

    public PriceRange Range(PricingInput input)
    {
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
        var (guardrail, cause) = Binding(input, range, bestPrice, bestProfit, atLower: bestIndex == 0 || range.Lower == range.Upper, atUpper: bestIndex == steps);
        return Make(input, range, bestPrice, guardrail, cause, notes);
    }

    private (string Guardrail, string Cause) Binding(PricingInput input, PriceRange range, double price, double profit, bool atLower, bool atUpper)
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
        Probability(price, input.ListPrice, input.CategoryId, input.ConversionProbability, input.Friction);

    private PriceOffer Make(PricingInput input, PriceRange range, double price, string guardrail, string cause, List<string> notes)
    {
        var conversion = Demand is null ? 0 : Conversion(input, price);
        var profit = Demand is null ? 0 : conversion * (price - range.Cost);
        var parts = new List<string> { cause };
        parts.AddRange(notes);
        parts.Add(Demand is null ? "no demand model" : $"demand {Demand.Version}");
        return new PriceOffer(input.ProductId, input.ListPrice, price, profit, conversion, guardrail, string.Join("; ", parts));
    }

    private double Round(double price, double lower, double upper)
    {
        var rounded = Math.Round(price * _decimalsScale, MidpointRounding.AwayFromZero) / _decimalsScale;
        if (rounded < lower) rounded = Math.Ceiling(lower * _decimalsScale) / _decimalsScale;
        else if (rounded > upper) rounded = Math.Floor(upper * _decimalsScale) / _decimalsScale;
        return rounded >= lower && rounded <= upper ? rounded : price;
    }

    private static string Percent(double fraction) => F($"{fraction * 100:0.#}%");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
