namespace Journeys.Scoring.Forecast;

/// <summary>
/// Baseline: tomorrow equals the mean of the last <c>days</c> days (all of them while the history is shorter). The
/// interval comes from the same rule's one-step residuals over the history (each from a full window).
/// </summary>
public sealed class MovingAverageForecaster : IDailyForecaster
{
    private readonly int _days;
    private readonly double _level;

    public MovingAverageForecaster(int days = 7, double level = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1.0);
        _days = days;
        _level = level;
    }

    public string Name => $"moving-average-{_days}";

    public DailyForecast Forecast(ReadOnlySpan<double> history)
    {
        var n = history.Length;
        if (n == 0) return default;
        var window = Math.Min(_days, n);
        // A running window sum: each residual is the day minus the mean of the full window before it.
        var windowSum = 0.0;
        var sum = 0.0;
        var count = 0;
        for (var t = 0; t < n; t++)
        {
            if (t >= _days)
            {
                var e = history[t] - (windowSum / _days);
                sum += e * e;
                count++;
                windowSum -= history[t - _days];
            }
            windowSum += history[t];
        }
        var last = 0.0;
        for (var t = n - window; t < n; t++) last += history[t];
        return ResidualInterval.Around(last / window, sum, count, _level);
    }
}
