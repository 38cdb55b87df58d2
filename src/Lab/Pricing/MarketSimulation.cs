using System.Diagnostics;
using System.Globalization;
using Journeys.Scoring.Pricing;

namespace Journeys.Lab.Pricing;

/// <summary>
/// One run of the pricing comparison on a <see cref="MarketSimulator"/>: an exploration phase shows one set of shoppers
/// random prices within the guardrails and logs what they bought; a demand model is fitted on that log; then the same
/// evaluation shoppers meet each policy — the list price, the grid optimizer with an untrained demand model, Journeys'
/// optimizer with the fitted model, and an oracle that knows each shopper's latent intent, willingness to pay and
/// sensitivity (the upper bound within the same guardrails).
/// </summary>
public static class MarketSimulation
{
    public const string List = "list";
    public const string Untrained = "untrained";
    public const string Journeys = "journeys";
    public const string Oracle = "oracle";

    /// <summary>Grid steps of the oracle's search: finer than the optimizers' so it bounds them from above.</summary>
    public const int OracleSteps = 400;

    private const int ExplorationStream = 1;
    private const int EvaluationStream = 2;

    public static MarketSimulationResult Run(MarketSimulationOptions options, PricingOptions pricing, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pricing);
        var clock = Stopwatch.StartNew();
        var market = new MarketSimulator(options);
        var guardrailsOnly = new PriceOptimizer(pricing, demand: null);
        var now = DateTimeOffset.UnixEpoch;

        // Exploration: a price drawn uniformly from each view's allowed range, so the log shows demand at many prices
        // of the same product — the variation REES46's three hours lack.
        var explorers = market.Shoppers(options.ExplorationShoppers, ExplorationStream);
        var priceDraws = new Random(unchecked((options.Seed * 7_919) + 11));
        var log = new List<DemandObservation>(explorers.Count);
        var exploration = Score("exploration", "random prices within the guardrails (other shoppers; the log the fitted model learns from)", market, explorers, s =>
        {
            var input = market.Input(s);
            var range = guardrailsOnly.Range(input);
            var price = range.Lower + ((range.Upper - range.Lower) * priceDraws.NextDouble());
            var product = market.Products[s.Product];
            log.Add(new DemandObservation(product.ProductId, product.CategoryId, price, product.ListPrice, s.Conversion, s.Friction,
                s.Draw < MarketSimulator.PurchaseProbability(s, price)));
            return (price, null);
        });
        progress?.Invoke(F($"exploration: {explorers.Count:N0} shoppers, {exploration.Purchases:N0} purchases ({clock.Elapsed.TotalSeconds:F1} s)"));
        var fitted = DemandModel.Fit(log, new DemandProvenance(
            F($"simulator seed {options.Seed}: exploration log of {explorers.Count:N0} shoppers"), null, null, now));
        progress?.Invoke(F($"demand model fitted on the log: ∂logit/∂ln p {fitted.Record.Elasticity.LogitPerLogPrice:F2}, elasticity {fitted.Record.Elasticity.PriceElasticity:F2} ({clock.Elapsed.TotalSeconds:F1} s)"));
        var untrained = DemandModel.Seeded(options.Seed);

        var shoppers = market.Shoppers(options.Shoppers, EvaluationStream);
        var results = new List<PricingPolicyResult>
        {
            Score(List, "the list price", market, shoppers, s => (market.Products[s.Product].ListPrice, null)),
            Optimizer(Untrained, "grid optimizer, untrained (seeded) demand model", new PriceOptimizer(pricing, untrained), market, shoppers, now),
            Optimizer(Journeys, "Journeys: grid optimizer, demand model fitted on the exploration log", new PriceOptimizer(pricing, fitted), market, shoppers, now),
            Score(Oracle, "oracle: knows each shopper's intent, willingness to pay and sensitivity; same guardrails", market, shoppers, s =>
            {
                var range = guardrailsOnly.Range(market.Input(s));
                var cost = market.Products[s.Product].TrueCost;
                double best = range.Upper, bestProfit = double.NegativeInfinity;
                for (var i = OracleSteps; i >= 0; i--)
                {
                    var p = i == OracleSteps ? range.Upper : range.Lower + ((range.Upper - range.Lower) * i / OracleSteps);
                    var profit = MarketSimulator.PurchaseProbability(s, p) * (p - cost);
                    if (profit > bestProfit)
                    {
                        bestProfit = profit;
                        best = p;
                    }
                }
                return (best, null);
            }),
        };
        foreach (var r in results)
            progress?.Invoke(F($"{r.Name}: profit {r.Profit:N0}, conversion {r.Conversion:P2}, mean discount {r.MeanDiscount:P1}"));
        return new MarketSimulationResult(options, pricing, results, exploration, untrained, fitted, clock.Elapsed.TotalSeconds);
    }

    private static PricingPolicyResult Optimizer(string name, string description, PriceOptimizer optimizer, MarketSimulator market,
        IReadOnlyList<SimulatedShopper> shoppers, DateTimeOffset now) =>
        Score(name, description, market, shoppers, s =>
        {
            var offer = optimizer.Offer(market.Input(s), prior: null, now);
            return (offer.OfferPrice, offer.Guardrail);
        });

    private static PricingPolicyResult Score(string name, string description, MarketSimulator market, IReadOnlyList<SimulatedShopper> shoppers,
        Func<SimulatedShopper, (double Price, string? Guardrail)> policy)
    {
        var purchases = 0;
        double profit = 0, expected = 0, revenue = 0, discount = 0;
        var guardrails = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in shoppers)
        {
            var (price, guardrail) = policy(s);
            var product = market.Products[s.Product];
            var p = MarketSimulator.PurchaseProbability(s, price);
            expected += p * (price - product.TrueCost);
            discount += 1 - (price / product.ListPrice);
            if (s.Draw < p)
            {
                purchases++;
                profit += price - product.TrueCost;
                revenue += price;
            }
            if (guardrail is not null) guardrails[guardrail] = guardrails.GetValueOrDefault(guardrail) + 1;
        }
        return new PricingPolicyResult(name, description, shoppers.Count, purchases, profit, expected, revenue,
            shoppers.Count == 0 ? 0 : discount / shoppers.Count, guardrails);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
