namespace Journeys.Scoring.Forecast;

/// <summary>
/// Baseline: tomorrow equals the same day one season ago (same weekday last week); with less than one season of
/// history, the last day (naive). The interval comes from the same rule's one-step residuals over the history.
/// </summary>
public sealed class SeasonalNaiveForecaster : IDailyForecaster
{
    private readonly int _seasonLength;
    private readonly double _level;

    public SeasonalNaiveForecaster(int seasonLength = 7, double level = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1.0);
        _seasonLength = seasonLength;
        _level = level;
    }

    public string Name => "seasonal-naive";

    public DailyForecast Forecast(ReadOnlySpan<double> history)
    {
        var n = history.Length;
        if (n == 0) return default;
        var lag = n >= _seasonLength ? _seasonLength : 1;
        var sum = 0.0;
        var count = 0;
        for (var t = lag; t < n; t++)
        {
            var e = history[t] - history[t - lag];
            sum += e * e;
            count++;
        }
        return ResidualInterval.Around(history[n - lag], sum, count, _level);
    }
}
