using Journeys.Scoring.Forecast;

namespace Journeys.Lab.Forecast;

/// <summary>Accumulates forecast errors for <see cref="ForecastScores"/>.</summary>
public sealed class ForecastErrors
{
    private int _points;
    private double _absolute;
    private double _squared;
    private double _percentage;
    private int _percentageDays;
    private double _symmetric;
    private int _covered;
    private double _width;

    public ForecastErrors(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        Method = method;
    }

    public string Method { get; }

    public void Add(double actual, DailyForecast forecast)
    {
        var error = Math.Abs(actual - forecast.Mean);
        _points++;
        _absolute += error;
        _squared += error * error;
        if (actual != 0)
        {
            _percentage += error / Math.Abs(actual);
            _percentageDays++;
        }
        var scale = Math.Abs(actual) + Math.Abs(forecast.Mean);
        if (scale > 0) _symmetric += 2 * error / scale;
        if (forecast.Contains(actual)) _covered++;
        _width += forecast.Upper - forecast.Lower;
    }

    public ForecastScores Scores()
    {
        var n = Math.Max(1, _points);
        return new ForecastScores(Method, _points, _absolute / n, Math.Sqrt(_squared / n),
            _percentageDays > 0 ? 100 * _percentage / _percentageDays : null, _percentageDays,
            100 * _symmetric / n, (double)_covered / n, _width / n);
    }
}
