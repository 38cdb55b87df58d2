namespace Journeys.Scoring.Forecast;

/// <summary>
/// The benchmark methods' interval (Hyndman &amp; Athanasopoulos, FPP3 §5.5): mean ± z·σ, with σ the root mean square of the
/// method's own one-step residuals over the history, cut at zero below because counts are never negative. With fewer
/// than two residuals σ falls back to √mean, the Poisson spread, rather than claiming certainty.
/// </summary>
internal static class ResidualInterval
{
    public static DailyForecast Around(double mean, double sumOfSquares, int residuals, double level)
    {
        var sigma = residuals >= 2 ? Math.Sqrt(sumOfSquares / residuals) : Math.Sqrt(Math.Max(mean, 0));
        var half = NormalQuantile.Of((1 + level) / 2) * sigma;
        return new DailyForecast(mean, Math.Max(0, mean - half), mean + half);
    }
}
