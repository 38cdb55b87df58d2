namespace Journeys.Scoring.Forecast;

/// <summary>
/// A fitted <see cref="SeasonalLevelForecaster"/>: the deseasonalised daily rate, the seasonal factors (mean 1; all 1
/// when the history is too short or shows no reliable pattern), and the dispersion φ of the one-step residuals
/// (variance = φ × mean; 1 = Poisson).
/// </summary>
public sealed class SeasonalLevelFit
{
    private readonly double[] _factors;
    private readonly int _historyLength;
    private readonly double _level;

    internal SeasonalLevelFit(double level, double[] factors, int historyLength, double dispersion, double intervalLevel, bool seasonal)
    {
        _level = level;
        _factors = factors;
        _historyLength = historyLength;
        Dispersion = dispersion;
        IntervalLevel = intervalLevel;
        Seasonal = seasonal;
    }

    /// <summary>Expected count on an average day of the season (the factors average 1).</summary>
    public double Level => _level;

    public double Dispersion { get; }

    public double IntervalLevel { get; }

    /// <summary>True when the seasonal factors came from the data (at least two full seasons of history).</summary>
    public bool Seasonal { get; }

    /// <summary>The seasonal factor of the day <paramref name="daysAhead"/> after the history (0 = the next day).</summary>
    public double Factor(int daysAhead) => _factors[(_historyLength + daysAhead) % _factors.Length];

    /// <summary>Expected count of the day <paramref name="daysAhead"/> after the history (0 = the next day).</summary>
    public double Mean(int daysAhead = 0) => _level * Factor(daysAhead);

    /// <summary>The day's expected count with its prediction interval at <see cref="IntervalLevel"/>.</summary>
    public DailyForecast Forecast(int daysAhead = 0)
    {
        var mean = Mean(daysAhead);
        var (lower, upper) = CountDistribution.Interval(mean, Dispersion, IntervalLevel);
        return new DailyForecast(mean, lower, upper);
    }

    /// <summary>Expected total over the next <paramref name="days"/> days (from the day after the history).</summary>
    public double HorizonMean(int days)
    {
        var total = 0.0;
        for (var h = 0; h < days; h++) total += Mean(h);
        return total;
    }

    /// <summary>
    /// P(demand over the next <paramref name="days"/> days ≥ <paramref name="stock"/>): the days' counts are taken as
    /// independent with the fitted φ, so their sum has mean = the sum of the days' means and variance φ × that mean.
    /// </summary>
    public double ProbabilityDemandReaches(long stock, int days) => CountDistribution.AtLeast(HorizonMean(days), Dispersion, stock);
}
