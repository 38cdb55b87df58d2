using System.Globalization;
using System.Text;
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
/// lies in the range (a product feed change that moved the range takes precedence);</item>
/// <item>the offer is a function of <see cref="PricingInput"/> (declared features only), the session's prior offer and
/// the time — of nothing that identifies the shopper.</item>
/// </list>
/// Thread-safe: it holds no mutable state.
/// </summary>
public sealed class PriceOptimizer
{
    // How far beyond a bound the optimizer looks to tell whether the bound binds (would a price past it earn more?).
    private const double BindingProbe = 0.01;

    private readonly double _decimalsScale;

    public PriceOptimizer(PricingOptions options, DemandModel? demand)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new PricingOptionsValidator().Validate(null, options);
        if (check.Failed) throw new ArgumentException(check.FailureMessage, nameof(options));
        Options = options;
        Demand = demand;
        _decimalsScale = Math.Pow(10, options.PriceDecimals);
    }

    public PricingOptions Options { get; }

    /// <summary>Null: no demand model; every offer is the list price and says so.</summary>
    public DemandModel? Demand { get; }

    public PriceRange Range(PricingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var b = Bounds(input);
        return new PriceRange(b.Lower, b.Upper, b.Cost, b.CostAssumed, b.MarginFloor, b.DiscountFloor, b.MaxDiscount, b.NoMarginRoom);
    }

    public double MaxDiscount(InventoryPressure pressure) => pressure switch
    {
        InventoryPressure.StockOutRisk => 0,
        InventoryPressure.Overstocked => Options.MaxDiscount + Options.OverstockExtraDiscount,
        _ => Options.MaxDiscount,
    };

    /// <param name="prior">The price this session was shown for this product, if any (same product id).</param>
    public PriceOffer Offer(PricingInput input, PriorOffer? prior, DateTimeOffset now) => OfferWithReasonSuffix(input, prior, now, reasonSuffix: null);

    /// <summary><see cref="Offer"/> with <paramref name="reasonSuffix"/> appended to the reason (the advisor's note on
    /// where the list price came from), so the reason is built once.</summary>
    internal PriceOffer OfferWithReasonSuffix(PricingInput input, PriorOffer? prior, DateTimeOffset now, string? reasonSuffix)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (prior is not null && !string.Equals(prior.ProductId, input.ProductId, StringComparison.Ordinal))
            throw new ArgumentException($"The prior offer is for product {prior.ProductId}, the input for {input.ProductId}.", nameof(prior));
        var range = Bounds(input);
        var list = input.ListPrice;
        var reason = new Reason(this, input, range, reasonSuffix);

        if (range.NoMarginRoom)
        {
            return Make(input, range, list, PriceGuardrail.MinMargin, reason.With(OfferCause.NoMarginRoom));
        }
        if (prior is not null)
        {
            var age = now - prior.ShownAt;
            if (age < Options.StabilityWindow)
            {
                if (prior.OfferPrice >= range.Lower && prior.OfferPrice <= range.Upper)
                {
                    return Make(input, range, prior.OfferPrice, PriceGuardrail.Stability, reason.With(OfferCause.Stability, age: age));
                }
                reason = reason.Repriced(prior.OfferPrice);
            }
        }
        if (Demand is null)
        {
            return new PriceOffer(input.ProductId, list, list, 0, 0, PriceGuardrail.None, reason.With(OfferCause.NoDemandModel).Text());
        }

        var response = Response(input);
        var steps = Options.GridSteps;
        var bestIndex = -1;
        double bestPrice = list, bestProfit = double.NegativeInfinity;
        // From the top down with a strict comparison: of equally profitable prices the highest (smallest discount) wins.
        for (var i = steps; i >= 0; i--)
        {
            var raw = i == steps ? range.Upper : Math.Clamp(range.Lower + ((range.Upper - range.Lower) * i / steps), range.Lower, range.Upper);
            var price = Round(raw, range.Lower, range.Upper);
            var profit = Profit(response, price, range.Cost);
            if (profit > bestProfit)
            {
                bestProfit = profit;
                bestPrice = price;
                bestIndex = i;
            }
        }
        var (guardrail, cause) = Binding(input, response, range, bestPrice, bestProfit, atLower: bestIndex == 0 || range.Lower == range.Upper, atUpper: bestIndex == steps);
        return Make(input, range, bestPrice, guardrail, reason.With(cause), response);
    }

    private PriceBounds Bounds(PricingInput input)
    {
        var list = input.ListPrice;
        var cost = input.Cost ?? (list * (1 - Options.DefaultMargin));
        var maxDiscount = MaxDiscount(input.Inventory);
        var marginFloor = cost * (1 + Options.MinMargin);
        var discountFloor = list * (1 - maxDiscount);
        var noRoom = marginFloor > list;
        var lower = noRoom ? list : Math.Max(marginFloor, discountFloor);
        return new PriceBounds(lower, list, cost, input.Cost is null, marginFloor, discountFloor, maxDiscount, noRoom);
    }

    private static (string Guardrail, OfferCause Cause) Binding(PricingInput input, PriceResponse response, in PriceBounds range, double price, double profit,
        bool atLower, bool atUpper)
    {
        var probe = input.ListPrice * BindingProbe;
        if (atLower && Profit(response, range.Lower - probe, range.Cost) > profit)
        {
            if (range.MaxDiscount == 0 && input.Inventory == InventoryPressure.StockOutRisk && range.DiscountFloor >= range.MarginFloor)
                return (PriceGuardrail.StockOutRisk, OfferCause.StockOutRiskBinds);
            return range.MarginFloor >= range.DiscountFloor
                ? (PriceGuardrail.MinMargin, OfferCause.MarginFloorBinds)
                : (PriceGuardrail.MaxDiscount, OfferCause.DeepestDiscountBinds);
        }
        if (atUpper && Profit(response, range.Upper + probe, range.Cost) > profit)
            return (PriceGuardrail.ListPrice, OfferCause.ListPriceBinds);
        return (PriceGuardrail.None, price == input.ListPrice ? OfferCause.ListPriceOptimum : OfferCause.InsideRange);
    }

    private static double Profit(PriceResponse response, double price, double cost) =>
        price <= 0 ? double.NegativeInfinity : response.Probability(price) * (price - cost);

    private PriceResponse Response(PricingInput input) =>
        Demand!.ResponseFor(input.ListPrice, input.CategoryId, input.ConversionProbability, input.Friction);

    private PriceOffer Make(PricingInput input, in PriceBounds range, double price, string guardrail, in Reason reason,
        PriceResponse? response = null)
    {
        var conversion = Demand is null ? 0 : (response ?? Response(input)).Probability(price);
        var profit = Demand is null ? 0 : conversion * (price - range.Cost);
        return new PriceOffer(input.ProductId, input.ListPrice, price, profit, conversion, guardrail, reason.Text());
    }

    // Rounded to PriceDecimals where the rounded price still lies in the range; otherwise the exact price (a range
    // narrower than a cent, or a bound that rounds outward).
    private double Round(double price, double lower, double upper)
    {
        var rounded = Math.Round(price * _decimalsScale, MidpointRounding.AwayFromZero) / _decimalsScale;
        if (rounded < lower) rounded = Math.Ceiling(lower * _decimalsScale) / _decimalsScale;
        else if (rounded > upper) rounded = Math.Floor(upper * _decimalsScale) / _decimalsScale;
        return rounded >= lower && rounded <= upper ? rounded : price;
    }

    /// <summary><see cref="PriceRange"/>'s figures without the allocation (the public record is built from them).</summary>
    private readonly record struct PriceBounds(
        double Lower, double Upper, double Cost, bool CostAssumed, double MarginFloor, double DiscountFloor, double MaxDiscount, bool NoMarginRoom);

    /// <summary>What decided the offer: the first clause of its reason.</summary>
    private enum OfferCause
    {
        NoMarginRoom,
        Stability,
        NoDemandModel,
        StockOutRiskBinds,
        MarginFloorBinds,
        DeepestDiscountBinds,
        ListPriceBinds,
        ListPriceOptimum,
        InsideRange,
    }

    /// <summary>
    /// The reason of an offer, written once when the offer is made: "cause; notes…; demand model", then the caller's
    /// suffix. The notes say what bent the range — an assumed cost, overstock, stock-out risk, an earlier price that left
    /// the range — in that order. Numbers are formatted with the invariant culture straight into a per-thread
    /// StringBuilder (no boxing, no intermediate strings); only the finished text is allocated.
    /// </summary>
    private readonly struct Reason
    {
        [ThreadStatic]
        private static StringBuilder? t_builder;

        private readonly PriceOptimizer _owner;
        private readonly PricingInput _input;
        private readonly PriceBounds _range;
        private readonly string? _suffix;
        private readonly double? _repricedFrom;
        private readonly OfferCause _cause;
        private readonly TimeSpan _age;

        public Reason(PriceOptimizer owner, PricingInput input, PriceBounds range, string? suffix)
            : this(owner, input, range, suffix, null, default, default)
        {
        }

        private Reason(PriceOptimizer owner, PricingInput input, PriceBounds range, string? suffix, double? repricedFrom, OfferCause cause, TimeSpan age)
        {
            _owner = owner;
            _input = input;
            _range = range;
            _suffix = suffix;
            _repricedFrom = repricedFrom;
            _cause = cause;
            _age = age;
        }

        /// <summary>Adds the note that the session's earlier price left the allowed range.</summary>
        public Reason Repriced(double earlierPrice) => new(_owner, _input, _range, _suffix, earlierPrice, _cause, _age);

        public Reason With(OfferCause cause, TimeSpan age = default) => new(_owner, _input, _range, _suffix, _repricedFrom, cause, age);

        public string Text()
        {
            var options = _owner.Options;
            var sb = t_builder ?? new StringBuilder(256);
            t_builder = null;
            sb.Clear();
            var inv = CultureInfo.InvariantCulture;
            switch (_cause)
            {
                case OfferCause.NoMarginRoom:
                    sb.Append(inv, $"no margin room: cost × {1 + options.MinMargin:0.###} = {_range.MarginFloor:0.##} is above list {_input.ListPrice:0.##}, list offered");
                    break;
                case OfferCause.Stability:
                    sb.Append(inv, $"stability: price shown {Math.Max(0, _age.TotalMinutes):0.#} min ago kept (window {options.StabilityWindow.TotalMinutes:0.#} min)");
                    break;
                case OfferCause.NoDemandModel:
                    sb.Append("no demand model: list price, conversion and profit not estimated (0)");
                    break;
                case OfferCause.StockOutRiskBinds:
                    sb.Append("a discount would earn more, none at stock-out risk");
                    break;
                case OfferCause.MarginFloorBinds:
                    sb.Append(inv, $"at the margin floor ({options.MinMargin * 100:0.#}% over cost); lower would earn more");
                    break;
                case OfferCause.DeepestDiscountBinds:
                    sb.Append(inv, $"at the deepest discount ({_range.MaxDiscount * 100:0.#}%); deeper would earn more");
                    break;
                case OfferCause.ListPriceBinds:
                    sb.Append("at list price; a higher price would earn more");
                    break;
                case OfferCause.ListPriceOptimum:
                    sb.Append("list price is the optimum");
                    break;
                default:
                    sb.Append("optimum inside the allowed range");
                    break;
            }
            if (_range.CostAssumed) sb.Append(inv, $"; cost assumed {options.DefaultMargin * 100:0.#}% below list");
            if (_input.Inventory == InventoryPressure.Overstocked) sb.Append(inv, $"; overstocked: discount up to {_range.MaxDiscount * 100:0.#}%");
            if (_input.Inventory == InventoryPressure.StockOutRisk) sb.Append("; stock-out risk: no discount");
            if (_repricedFrom is { } earlier) sb.Append(inv, $"; earlier price {earlier:0.##} left the allowed range (catalog changed), repriced");
            // The offer without a demand model says so first; the others name the model last.
            if (_cause != OfferCause.NoDemandModel)
            {
                if (_owner.Demand is { } demand) sb.Append("; demand ").Append(demand.Version);
                else sb.Append("; no demand model");
            }
            if (_suffix is not null) sb.Append(_suffix);
            var text = sb.ToString();
            t_builder = sb;
            return text;
        }
    }
}
