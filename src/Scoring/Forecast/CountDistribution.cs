namespace Journeys.Scoring.Forecast;

/// <summary>
/// Quantiles and tail probabilities of a daily count with mean μ and variance φ·μ (φ ≥ 1, quasi-Poisson): Poisson at
/// φ = 1, otherwise the negative binomial with success probability p = 1/φ and size r = μ/(φ − 1), which has exactly that
/// mean and variance. Sums of such counts with the same φ are again of this family (same p, sizes add), which is what
/// makes a horizon of several days one call. The pmf is stepped in log space from 0, so large means do not underflow.
/// </summary>
internal static class CountDistribution
{
    // Far enough into the right tail that what is left is below double precision for either family.
    private const double TailStandardDeviations = 40;
    private const double NegligibleTerm = 1e-20;

    /// <summary>The central interval of coverage <paramref name="level"/>: the (1−level)/2 and (1+level)/2 quantiles.</summary>
    public static (double Lower, double Upper) Interval(double mean, double dispersion, double level) =>
        (Quantile(mean, dispersion, (1 - level) / 2), Quantile(mean, dispersion, (1 + level) / 2));

    /// <summary>The smallest count k with P(X ≤ k) ≥ q.</summary>
    public static int Quantile(double mean, double dispersion, double q)
    {
        if (!(mean > 0)) return 0;
        var pmf = new Pmf(mean, dispersion);
        var cdf = 0.0;
        for (var k = 0; ; k++)
        {
            cdf += Math.Exp(pmf.LogP);
            // The bound stops rounding error from walking the loop forever when q is within an ulp of the sum's limit.
            if (cdf >= q || k >= pmf.LastUsefulK) return k;
            pmf.Step(k);
        }
    }

    /// <summary>P(X ≥ count): the probability that demand reaches <paramref name="count"/>.</summary>
    public static double AtLeast(double mean, double dispersion, long count)
    {
        if (count <= 0) return 1;
        if (!(mean > 0)) return 0;
        var pmf = new Pmf(mean, dispersion);
        var cdf = 0.0;
        for (var k = 0; k < count; k++)
        {
            var p = Math.Exp(pmf.LogP);
            cdf += p;
            // Past the mean the terms only shrink, by a ratio below max(μ/(k+1), 1 − 1/φ); once one is this small what
            // follows adds less than double precision can show (the stock of a slow seller is often far in the tail).
            if (k >= pmf.LastUsefulK || (k > mean && p < NegligibleTerm)) break;
            pmf.Step(k);
        }
        return Math.Clamp(1 - cdf, 0, 1);
    }

    private struct Pmf
    {
        private readonly bool _poisson;
        private readonly double _mean;
        private readonly double _size;
        private readonly double _logOneMinusP;

        public Pmf(double mean, double dispersion)
        {
            _mean = mean;
            _poisson = !(dispersion > 1 + 1e-9);
            if (_poisson)
            {
                LogP = -mean;
                LastUsefulK = mean + (TailStandardDeviations * Math.Sqrt(mean)) + 50;
            }
            else
            {
                _size = mean / (dispersion - 1);
                var p = 1 / dispersion;
                _logOneMinusP = Math.Log(1 - p);
                LogP = _size * Math.Log(p);
                LastUsefulK = mean + (TailStandardDeviations * Math.Sqrt(mean * dispersion)) + 50;
            }
        }

        public double LogP { get; private set; }

        public double LastUsefulK { get; }

        /// <summary>From P(k) to P(k + 1).</summary>
        public void Step(int k) => LogP += _poisson
            ? Math.Log(_mean / (k + 1))
            : Math.Log((k + _size) / (k + 1)) + _logOneMinusP;
    }
}
