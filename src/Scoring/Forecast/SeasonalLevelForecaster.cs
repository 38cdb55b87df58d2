namespace Journeys.Scoring.Forecast;

/// <summary>
/// The forecast model: an exponentially weighted level times seasonal (weekday) factors shrunk toward 1, with a
/// quasi-Poisson / negative-binomial prediction interval.
/// <para>
/// Level: with factors f fixed, the weighted Poisson maximum-likelihood rate Σ βᵏ·y / Σ βᵏ·f (β = 1 − α, k = days
/// back). With all factors 1 this is simple exponential smoothing; unlike SES on y/f it needs no division by a factor,
/// so a weekday that never sells does not blow up the level.
/// </para>
/// <para>
/// Factors: only from at least two full seasons (the last whole seasons of the history), as each weekday's share of the
/// total × the season length, then shrunk toward 1 by the method-of-moments (empirical Bayes) weight
/// w = max(0, 1 − (s − 1)·ν / Σ(x − 1)²), where ν = s / total is a factor's sampling variance under Poisson counts. A
/// busy series with a real weekly pattern keeps it (w → 1); a sparse product's noise is not mistaken for one (w → 0).
/// </para>
/// <para>
/// Interval: retail daily counts are small integers for most products and overdispersed for busy ones, so a normal
/// interval is wrong at both ends. The count is taken as quasi-Poisson (variance = φ × mean) with φ = Σ e² / Σ ŷ over
/// the one-step-ahead in-sample forecasts ŷ (after one season of warm-up), floored at 1; quantiles are exact
/// Poisson (φ = 1) or negative-binomial (φ &gt; 1) quantiles. Because the residuals are one-step-ahead, φ also carries the
/// level's own estimation error and drift, not only the day-to-day noise.
/// </para>
/// </summary>
public sealed class SeasonalLevelForecaster : IDailyForecaster
{
    private const int MinSeasons = 2;
    private readonly double _smoothing;
    private readonly int _seasonLength;
    private readonly double _level;

    public SeasonalLevelForecaster(double smoothing = 0.2, int seasonLength = 7, double level = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(smoothing, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(smoothing, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1.0);
        _smoothing = smoothing;
        _seasonLength = seasonLength;
        _level = level;
    }

    public SeasonalLevelForecaster(ForecastOptions options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Smoothing, options.SeasonLength, options.IntervalLevel)
    {
    }

    public string Name => "model";

    public DailyForecast Forecast(ReadOnlySpan<double> history) => Fit(history).Forecast();

    public SeasonalLevelFit Fit(ReadOnlySpan<double> history)
    {
        var n = history.Length;
        var factors = new double[_seasonLength];
        var seasonal = SeasonalFactors(history, factors);
        var decay = 1 - _smoothing;
        // Residuals start once a season (or half a short history) has been seen, so the first wild guesses do not set φ.
        var warmUp = Math.Max(1, Math.Min(_seasonLength, n / 2));
        double weightedCounts = 0, weightedFactors = 0, squaredErrors = 0, fitted = 0;
        for (var t = 0; t < n; t++)
        {
            var f = factors[t % _seasonLength];
            var y = history[t];
            if (t >= warmUp && weightedFactors > 0)
            {
                var predicted = f * weightedCounts / weightedFactors;
                var e = y - predicted;
                squaredErrors += e * e;
                fitted += predicted;
            }
            weightedCounts = (decay * weightedCounts) + y;
            weightedFactors = (decay * weightedFactors) + f;
        }
        var level = weightedFactors > 0 ? Math.Max(0, weightedCounts / weightedFactors) : 0;
        var dispersion = fitted > 0 ? Math.Max(1, squaredErrors / fitted) : 1;
        return new SeasonalLevelFit(level, factors, n, dispersion, _level, seasonal);
    }

    // Factors indexed by position mod season length (position 0 = the history's first day).
    private bool SeasonalFactors(ReadOnlySpan<double> history, double[] factors)
    {
        Array.Fill(factors, 1.0);
        var s = _seasonLength;
        var seasons = history.Length / s;
        if (s < 2 || seasons < MinSeasons) return false;
        var sums = new double[s];
        for (var t = history.Length - (seasons * s); t < history.Length; t++) sums[t % s] += history[t];
        var total = sums.Sum();
        if (!(total > 0)) return false;
        var spread = 0.0;
        for (var d = 0; d < s; d++)
        {
            sums[d] = sums[d] * s / total;
            spread += (sums[d] - 1) * (sums[d] - 1);
        }
        var samplingVariance = s / total;
        var weight = spread > 0 ? Math.Max(0, 1 - ((s - 1) * samplingVariance / spread)) : 0;
        for (var d = 0; d < s; d++) factors[d] = 1 + (weight * (sums[d] - 1));
        return weight > 0;
    }
}
