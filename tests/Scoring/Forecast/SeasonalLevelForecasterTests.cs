using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Forecast;

public class SeasonalLevelForecasterTests
{
    private static readonly double[] WeekendShop = [0, 0, 0, 0, 0, 100, 200];

    private static double[] Repeat(double[] pattern, int times) => [.. Enumerable.Repeat(pattern, times).SelectMany(p => p)];

    // Knuth's method; fine for the small rates used here.
    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    [Fact]
    public void A_constant_series_gives_its_value_and_the_poisson_interval()
    {
        var fit = new SeasonalLevelForecaster().Fit(Repeat([5], 56));

        Assert.Equal(5, fit.Level, 9);
        Assert.False(fit.Seasonal);
        Assert.Equal(1, fit.Dispersion);
        var f = fit.Forecast();
        Assert.Equal(5, f.Mean, 9);
        Assert.Equal((2.0, 9.0), (f.Lower, f.Upper));
    }

    [Fact]
    public void A_zero_series_forecasts_zero_with_a_zero_interval()
    {
        var forecaster = new SeasonalLevelForecaster();

        Assert.Equal(new DailyForecast(0, 0, 0), forecaster.Forecast(new double[56]));
        Assert.Equal(new DailyForecast(0, 0, 0), forecaster.Forecast([]));
    }

    [Fact]
    public void A_pure_weekly_pattern_is_recovered_and_each_day_of_the_next_week_lies_in_its_interval()
    {
        var history = Repeat(WeekendShop, 8);

        var fit = new SeasonalLevelForecaster().Fit(history);

        Assert.True(fit.Seasonal);
        for (var h = 0; h < 7; h++)
        {
            var truth = WeekendShop[h];
            var f = fit.Forecast(h);
            Assert.True(Math.Abs(f.Mean - truth) <= Math.Max(0.5, 0.01 * truth), $"day {h}: {f.Mean} vs {truth}");
            Assert.True(f.Contains(truth), $"day {h}: {truth} outside [{f.Lower}, {f.Upper}]");
        }
    }

    [Fact]
    public void With_less_than_two_weeks_there_is_no_seasonality()
    {
        var fit = new SeasonalLevelForecaster().Fit(Repeat(WeekendShop, 1).Concat(WeekendShop[..6]).ToArray());

        Assert.False(fit.Seasonal);
        Assert.Equal(fit.Mean(0), fit.Mean(5));
    }

    [Fact]
    public void A_noisy_weekly_pattern_is_kept_and_noise_without_one_is_shrunk_away()
    {
        var random = new Random(7);
        var pattern = new[] { 0.6, 0.8, 1.0, 1.0, 1.0, 1.2, 1.4 };
        var weekly = Enumerable.Range(0, 56).Select(t => (double)Poisson(random, 20 * pattern[t % 7])).ToArray();
        var flatSeasonal = 0;
        for (var i = 0; i < 200; i++)
        {
            var sparse = Enumerable.Range(0, 56).Select(_ => (double)Poisson(random, 0.3)).ToArray();
            if (!new SeasonalLevelForecaster().Fit(sparse).Seasonal) flatSeasonal++;
        }

        var fit = new SeasonalLevelForecaster().Fit(weekly);

        Assert.True(fit.Seasonal);
        for (var h = 0; h < 7; h++) Assert.InRange(fit.Factor(h), pattern[h] - 0.2, pattern[h] + 0.2);
        // Under no pattern the shrinkage weight is 0 unless the spread beats its expectation (χ²₆ > 6: about 42 %).
        Assert.True(flatSeasonal >= 100, $"{flatSeasonal} of 200 pattern-free series had no seasonality");
    }

    [Fact]
    public void A_linear_trend_is_followed_with_the_lag_of_exponential_smoothing()
    {
        var history = Enumerable.Range(0, 56).Select(t => (double)t).ToArray();

        var f = new SeasonalLevelForecaster(smoothing: 0.2).Forecast(history);

        // SES lags a unit slope by (1 − α)/α = 4 days: about 56 − 1 − 4 = 51.
        Assert.InRange(f.Mean, 48, 54);
    }

    [Fact]
    public void Intervals_of_overdispersed_counts_cover_about_their_nominal_share()
    {
        // Poisson counts whose rate jumps between 10 and 30: variance 20 + 100 = 6 × the mean.
        var random = new Random(11);
        var series = Enumerable.Range(0, 2_000).Select(_ => (double)Poisson(random, random.NextDouble() < 0.5 ? 10 : 30)).ToArray();
        var forecaster = new SeasonalLevelForecaster(smoothing: 0.2, seasonLength: 7, level: 0.9);
        var covered = 0;
        var scored = 0;
        var dispersion = 0.0;
        for (var day = 56; day < series.Length; day++)
        {
            var fit = forecaster.Fit(series.AsSpan(day - 56, 56));
            dispersion += fit.Dispersion;
            if (fit.Forecast().Contains(series[day])) covered++;
            scored++;
        }

        Assert.InRange((double)covered / scored, 0.85, 0.97);
        Assert.InRange(dispersion / scored, 4, 9);
    }
}
