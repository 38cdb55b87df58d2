namespace Journeys.Scoring.Forecast;

/// <summary>
/// One product in a <see cref="ForecastSnapshot"/>.
/// </summary>
/// <param name="DailyMean">Expected purchases (units) on the snapshot's current UTC day.</param>
/// <param name="Lower">Lower end of the prediction interval for that day (units).</param>
/// <param name="Upper">Upper end of the prediction interval for that day (units).</param>
/// <param name="Stock">Latest product feed stock minus the purchases observed since that row arrived (never below 0); null = unknown.</param>
/// <param name="DaysOfCover">Stock / the deseasonalised daily rate; +∞ when nothing sells; null when the stock is unknown.</param>
/// <param name="StockOutRisk">P(demand over the configured horizon ≥ stock); null when the stock is unknown.</param>
/// <param name="Pressure">What pricing and recommendations should make of it.</param>
public sealed record ProductForecast(
    string ProductId,
    double DailyMean,
    double Lower,
    double Upper,
    int? Stock,
    double? DaysOfCover,
    double? StockOutRisk,
    InventoryPressure Pressure);
