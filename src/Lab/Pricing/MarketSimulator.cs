using System.Globalization;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;

namespace Journeys.Lab.Pricing;

/// <summary>
/// A seeded market in which the profit of prices never charged can be counted — what logged data cannot show.
/// <para>
/// Products: categories with log-uniform base prices (5 – 500), list prices scattered around them, true margins 15 – 55 %,
/// list prices set imperfectly (the median interested shopper of a product would pay list × e^N(WtpMean, WtpProductSpread²)),
/// a share of costs unknown to the catalog, inventory pressure mixed (10 % stock-out risk, 15 % overstocked, 5 % unknown).
/// Shoppers pick products by a Zipf-like popularity. Each has latent intent q, willingness to pay W (log-normal around
/// the product's median, spread WtpShopperSpread) and price sensitivity s (log-normal around SensitivityMedian), and
/// buys at price p with probability q · σ(s · (ln W − ln p)).
/// The session signals pricing sees are noisy: conversion = σ(logit q + noise), friction rises with sensitivity.
/// </para>
/// All randomness comes from the seed: the same options give the same market and shoppers.
/// </summary>
public sealed class MarketSimulator
{
    private readonly double[] _popularity;

    public MarketSimulator(MarketSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var random = Stream(0);
        var basePrices = Enumerable.Range(0, options.Categories).Select(_ => Math.Exp(Math.Log(5) + (random.NextDouble() * Math.Log(100)))).ToArray();
        var products = new List<SimulatedProduct>(options.Products);
        for (var j = 0; j < options.Products; j++)
        {
            var category = j % options.Categories;
            var list = Math.Max(0.5, Math.Round(basePrices[category] * Math.Exp(0.35 * Normal(random)), 2));
            var trueCost = list * (1 - (0.15 + (0.40 * random.NextDouble())));
            var u = random.NextDouble();
            var inventory = u < 0.10 ? InventoryPressure.StockOutRisk
                : u < 0.25 ? InventoryPressure.Overstocked
                : u < 0.30 ? InventoryPressure.Unknown
                : InventoryPressure.Normal;
            products.Add(new SimulatedProduct(
                string.Create(CultureInfo.InvariantCulture, $"sim-{j}"),
                string.Create(CultureInfo.InvariantCulture, $"cat-{category}"),
                list,
                trueCost,
                random.NextDouble() < options.UnknownCostShare ? null : trueCost,
                inventory,
                0.5 * Normal(random),
                options.WtpMean + (options.WtpProductSpread * Normal(random))));
        }
        Products = products;
        // Zipf(0.8) over a shuffled order, so popularity is unrelated to price or category.
        var order = Enumerable.Range(0, options.Products).OrderBy(_ => random.Next()).ToArray();
        var weights = new double[options.Products];
        for (var rank = 0; rank < order.Length; rank++) weights[order[rank]] = 1 / Math.Pow(rank + 1, 0.8);
        _popularity = new double[options.Products];
        double sum = 0;
        for (var j = 0; j < weights.Length; j++)
        {
            sum += weights[j];
            _popularity[j] = sum;
        }
        for (var j = 0; j < _popularity.Length; j++) _popularity[j] /= sum;
    }

    public MarketSimulationOptions Options { get; }

    public IReadOnlyList<SimulatedProduct> Products { get; }

    /// <summary><paramref name="count"/> shoppers of independent stream <paramref name="stream"/> (≥ 1; 0 built the products).</summary>
    public IReadOnlyList<SimulatedShopper> Shoppers(int count, int stream)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(stream, 1);
        var random = Stream(stream);
        var shoppers = new List<SimulatedShopper>(count);
        for (var i = 0; i < count; i++)
        {
            var index = Array.BinarySearch(_popularity, random.NextDouble());
            var j = Math.Min(index < 0 ? ~index : index, _popularity.Length - 1);
            var product = Products[j];
            var zIntent = Normal(random);
            var zSensitivity = Normal(random);
            var intent = Sigmoid(-1.6 + zIntent + product.Appeal);
            var sensitivity = Options.SensitivityMedian * Math.Exp(0.5 * zSensitivity);
            var wtp = product.ListPrice * Math.Exp(product.WtpLocation + (Options.WtpShopperSpread * Normal(random)) + (0.05 * zIntent));
            var conversion = Sigmoid(DemandModel.Logit(intent) + (0.7 * Normal(random)));
            var friction = Sigmoid(-0.5 + zSensitivity + (0.8 * Normal(random)));
            shoppers.Add(new SimulatedShopper(j, intent, wtp, sensitivity, conversion, friction, random.NextDouble()));
        }
        return shoppers;
    }

    /// <summary>The true purchase probability at <paramref name="price"/>, which no policy but the oracle sees.</summary>
    public static double PurchaseProbability(SimulatedShopper shopper, double price)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        return shopper.Intent * Sigmoid(shopper.Sensitivity * (Math.Log(shopper.WillingnessToPay) - Math.Log(price)));
    }

    /// <summary>What pricing is told about this shopper's view: declared features only.</summary>
    public PricingInput Input(SimulatedShopper shopper)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        var p = Products[shopper.Product];
        return new PricingInput(p.ProductId, p.ListPrice, p.FeedCost, p.CategoryId, shopper.Conversion, shopper.Friction, p.Inventory);
    }

    private Random Stream(int stream) => new(unchecked((Options.Seed * 1_000_003) + stream));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    // Box–Muller; one of the pair is dropped to keep the streams simple.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
