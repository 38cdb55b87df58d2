using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Forecast;

/// <summary>Configuration section <c>Forecast</c>. Validated at start (see <see cref="ForecastOptionsValidator"/>).</summary>
public sealed class ForecastOptions
{
    public const string SectionName = "Forecast";

    /// <summary>
    /// How often the stage publishes a snapshot when something changed. 5 s: stock and demand move over hours, while a
    /// publish builds a dictionary of every tracked product, and once a day refits every product (the cost is in
    /// docs/recommendations.md, "Forecast stage and inventory").
    /// </summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most products tracked at once (least recently touched are dropped first). Memory grows linearly with it: the
    /// model's daily counters, stock and last forecast per product, and each live snapshot's copy (per-product figures in
    /// docs/recommendations.md, "Forecast stage and inventory").
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxProducts { get; set; } = 100_000;

    /// <summary>Completed days the forecast looks back over. 56 = eight weeks: enough weeks to estimate weekday factors.</summary>
    [Range(1, 3_660)]
    public int HistoryDays { get; set; } = 56;

    /// <summary>Days in one seasonal cycle; 7 = weekly. Seasonality is used only once the history covers two cycles.</summary>
    [Range(1, 366)]
    public int SeasonLength { get; set; } = 7;

    /// <summary>
    /// Weight of the newest day in the exponentially weighted level (0 &lt; α ≤ 1; half-life ≈ 3 days at 0.2). On
    /// DIGINETICA's purchases (journeys evaluate --task forecast --smoothing α, last 8 weeks) 0.2 had the lowest or
    /// near-lowest MAE across 0.05–0.5 for the top-20 categories (1.86 vs 1.87–1.91) and the total (45.6 vs 44.3–50.4),
    /// with coverage nearest the nominal 90 %; the differences are small, and those weeks are also the ones reported.
    /// </summary>
    [Range(1e-6, 1.0)]
    public double Smoothing { get; set; } = 0.2;

    /// <summary>Nominal coverage of the prediction interval (central; 0.9 = 5 % and 95 % quantiles).</summary>
    [Range(0.5, 0.999)]
    public double IntervalLevel { get; set; } = 0.9;

    /// <summary>
    /// Completed days observed before inventory pressure is reported; with less, pressure stays Unknown because one
    /// or two days say little about a product's rate.
    /// </summary>
    [Range(0, 3_660)]
    public int MinHistoryDays { get; set; } = 7;

    /// <summary>Days ahead over which the stock-out risk is the probability that demand reaches the stock.</summary>
    [Range(1, 365)]
    public int StockOutHorizonDays { get; set; } = 3;

    /// <summary>Stock-out risk at or above which a product counts as about to stock out (more likely than not by default).</summary>
    [Range(0.0, 1.0)]
    public double StockOutRiskThreshold { get; set; } = 0.5;

    /// <summary>Days of cover (stock / daily rate) at or above which a product counts as overstocked.</summary>
    [Range(1.0, 100_000.0)]
    public double OverstockDaysOfCover { get; set; } = 60;
}
