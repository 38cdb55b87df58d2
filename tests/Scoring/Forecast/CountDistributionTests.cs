using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Forecast;

public class CountDistributionTests
{
    [Fact]
    public void Poisson_quantiles_match_the_tables()
    {
        // Poisson(5): P(X ≤ 1) = 0.0404, P(X ≤ 2) = 0.1247, P(X ≤ 8) = 0.9319, P(X ≤ 9) = 0.9682.
        Assert.Equal((2.0, 9.0), CountDistribution.Interval(5, 1, 0.9));
        Assert.Equal(0, CountDistribution.Quantile(0, 1, 0.95));
    }

    [Fact]
    public void The_chance_that_demand_reaches_the_stock_is_the_upper_tail()
    {
        // P(Poisson(2) ≥ 3) = 1 − e⁻²(1 + 2 + 2).
        Assert.Equal(1 - (5 * Math.Exp(-2)), CountDistribution.AtLeast(2, 1, 3), 12);
        Assert.Equal(1, CountDistribution.AtLeast(2, 1, 0));
        Assert.Equal(0, CountDistribution.AtLeast(0, 1, 1));
        Assert.True(CountDistribution.AtLeast(2, 1, 1_000_000) < 1e-12);
    }

    [Fact]
    public void The_negative_binomial_has_the_mean_and_variance_asked_for()
    {
        const double mean = 12, dispersion = 3.5;
        double m = 0, m2 = 0, previousTail = 1;
        for (var k = 1; k < 400; k++)
        {
            var tail = CountDistribution.AtLeast(mean, dispersion, k);
            var p = previousTail - tail;
            m += (k - 1) * p;
            m2 += (k - 1) * (k - 1) * p;
            previousTail = tail;
        }

        Assert.Equal(mean, m, 6);
        Assert.Equal(dispersion * mean, m2 - (m * m), 5);
    }

    [Fact]
    public void Large_means_do_not_underflow()
    {
        var (lower, upper) = CountDistribution.Interval(5_000, 1, 0.9);

        // Normal approximation: 5000 ± 1.645·√5000 ≈ 5000 ± 116.
        Assert.InRange(lower, 4_880, 4_890);
        Assert.InRange(upper, 5_110, 5_120);
    }

    [Fact]
    public void Overdispersion_widens_the_interval()
    {
        var poisson = CountDistribution.Interval(20, 1, 0.9);
        var overdispersed = CountDistribution.Interval(20, 5, 0.9);

        Assert.True(overdispersed.Upper - overdispersed.Lower > 1.8 * (poisson.Upper - poisson.Lower));
    }

    [Fact]
    public void The_normal_quantile_matches_known_values()
    {
        // Acklam's approximation is good to a relative 1.2e-9.
        Assert.Equal(1.6448536269514722, NormalQuantile.Of(0.95), tolerance: 1e-8);
        Assert.Equal(-1.959963984540054, NormalQuantile.Of(0.025), tolerance: 1e-8);
        Assert.Equal(0, NormalQuantile.Of(0.5), tolerance: 1e-12);
        Assert.Equal(-3.090232306167814, NormalQuantile.Of(0.001), tolerance: 1e-8);
    }
}
