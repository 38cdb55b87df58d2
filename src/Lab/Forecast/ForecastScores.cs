namespace Journeys.Lab.Forecast;

/// <summary>
/// One method's errors over a set of forecast days (all series of a group pooled).
/// </summary>
/// <param name="Points">Forecasts scored (series × days).</param>
/// <param name="Mae">Mean absolute error, units per day.</param>
/// <param name="Rmse">Root mean squared error, units per day.</param>
/// <param name="Mape">Mean absolute percentage error (%) over the days with purchases; null when there were none (undefined on zero days).</param>
/// <param name="MapeDays">Days MAPE was computed over (actual &gt; 0).</param>
/// <param name="Smape">Symmetric MAPE (%) 200·|y − ŷ| / (|y| + |ŷ|), 0 when both are 0; from 0 to 200.</param>
/// <param name="Coverage">Share of days whose actual lies within the prediction interval.</param>
/// <param name="MeanWidth">Mean width of the interval, units.</param>
public sealed record ForecastScores(string Method, int Points, double Mae, double Rmse, double? Mape, int MapeDays, double Smape,
    double Coverage, double MeanWidth);
