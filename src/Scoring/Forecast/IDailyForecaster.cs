namespace Journeys.Scoring.Forecast;

/// <summary>A one-day-ahead forecaster over a daily series of counts.</summary>
public interface IDailyForecaster
{
    /// <summary>Short name used in reports (e.g. "seasonal-naive").</summary>
    string Name { get; }

    /// <summary>
    /// The forecast for the day after the last of <paramref name="history"/> (day 0 oldest, one value per day, missing
    /// days as zeros). An empty history forecasts zero with a zero-width interval.
    /// </summary>
    DailyForecast Forecast(ReadOnlySpan<double> history);
}
