namespace Journeys.Lab.Pricing;

/// <summary>The size and seed of one <see cref="MarketSimulator"/> run.</summary>
/// <param name="Shoppers">Shoppers every policy is scored on (the same ones for each).</param>
/// <param name="ExplorationShoppers">Other shoppers from the same population, shown random prices to log demand data.</param>
/// <param name="UnknownCostShare">Share of products whose cost the catalog does not give (pricing assumes the default margin).</param>
/// <param name="WtpMean">Mean over products of ln(median willingness to pay / list): 0 = list prices right on average, negative = too high.</param>
/// <param name="WtpProductSpread">Standard deviation of that log ratio across products: how imperfectly list prices are set.</param>
/// <param name="WtpShopperSpread">Standard deviation of ln(willingness to pay) across shoppers of one product.</param>
/// <param name="SensitivityMedian">Median of the shoppers' price sensitivity s (log-normal, σ 0.5).</param>
public sealed record MarketSimulationOptions(
    int Seed = 42,
    int Shoppers = 20_000,
    int ExplorationShoppers = 20_000,
    int Products = 200,
    int Categories = 10,
    double UnknownCostShare = 0.2,
    double WtpMean = 0,
    double WtpProductSpread = 0.2,
    double WtpShopperSpread = 0.15,
    double SensitivityMedian = 8)
{
    public void Validate()
    {
        if (Shoppers < 1) throw new ArgumentOutOfRangeException(nameof(Shoppers), Shoppers, "At least one shopper.");
        if (ExplorationShoppers < 10) throw new ArgumentOutOfRangeException(nameof(ExplorationShoppers), ExplorationShoppers, "At least 10 exploration shoppers.");
        if (Products < 1) throw new ArgumentOutOfRangeException(nameof(Products), Products, "At least one product.");
        if (Categories < 1 || Categories > Products) throw new ArgumentOutOfRangeException(nameof(Categories), Categories, "From 1 to the number of products.");
        if (!(UnknownCostShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(UnknownCostShare), UnknownCostShare, "A share in [0, 1].");
        if (!(Math.Abs(WtpMean) <= 2)) throw new ArgumentOutOfRangeException(nameof(WtpMean), WtpMean, "A log ratio within ±2.");
        if (!(WtpProductSpread is >= 0 and <= 2)) throw new ArgumentOutOfRangeException(nameof(WtpProductSpread), WtpProductSpread, "From 0 to 2.");
        if (!(WtpShopperSpread is >= 0 and <= 2)) throw new ArgumentOutOfRangeException(nameof(WtpShopperSpread), WtpShopperSpread, "From 0 to 2.");
        if (!(SensitivityMedian is > 0 and <= 1000)) throw new ArgumentOutOfRangeException(nameof(SensitivityMedian), SensitivityMedian, "Positive, at most 1000.");
    }
}
