using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Forecast;

/// <summary>The baselines on series whose forecasts can be worked out by hand (interval z = 1.6448536 at 90 %).</summary>
public class BaselineForecasterTests
{
    private const double Z90 = 1.6448536269514722;
    private static readonly double[] Week = [1, 2, 3, 4, 5, 6, 7];

    private static double[] Repeat(double[] pattern, int times) => [.. Enumerable.Repeat(pattern, times).SelectMany(p => p)];

    private static double[] Trend(int days) => [.. Enumerable.Range(0, days).Select(t => (double)t)];

    [Fact]
    public void Seasonal_naive_on_a_constant_series_repeats_it_with_a_zero_width_interval()
    {
        var f = new SeasonalNaiveForecaster().Forecast(Repeat([5], 14));

        Assert.Equal(new DailyForecast(5, 5, 5), f);
    }

    [Fact]
    public void Seasonal_naive_on_a_linear_trend_takes_last_weeks_value_and_its_residuals_are_one_week_of_slope()
    {
        var f = new SeasonalNaiveForecaster().Forecast(Trend(14));

        Assert.Equal(7, f.Mean);
        Assert.Equal(0, f.Lower);
        Assert.Equal(7 + (Z90 * 7), f.Upper, tolerance: 1e-7);
    }

    [Fact]
    public void Seasonal_naive_on_a_pure_weekly_pattern_is_exact()
    {
        var f = new SeasonalNaiveForecaster().Forecast(Repeat(Week, 3));

        Assert.Equal(new DailyForecast(1, 1, 1), f);
    }

    [Fact]
    public void Seasonal_naive_with_less_than_a_week_falls_back_to_the_last_day()
    {
        var f = new SeasonalNaiveForecaster().Forecast([1, 2, 4]);

        // Naive residuals 1 and 2: σ = √(5/2).
        Assert.Equal(4, f.Mean);
        Assert.Equal(4 - (Z90 * Math.Sqrt(2.5)), f.Lower, tolerance: 1e-7);
        Assert.Equal(4 + (Z90 * Math.Sqrt(2.5)), f.Upper, tolerance: 1e-7);
    }

    [Fact]
    public void Moving_average_on_a_constant_series_is_that_constant()
    {
        Assert.Equal(new DailyForecast(5, 5, 5), new MovingAverageForecaster(7).Forecast(Repeat([5], 14)));
    }

    [Fact]
    public void Moving_average_on_a_linear_trend_lags_by_half_its_window()
    {
        var f = new MovingAverageForecaster(7).Forecast(Trend(14));

        // Mean of 7…13; each residual is t − mean(t−7…t−1) = 4.
        Assert.Equal(10, f.Mean, tolerance: 1e-12);
        Assert.Equal(10 - (Z90 * 4), f.Lower, tolerance: 1e-7);
        Assert.Equal(10 + (Z90 * 4), f.Upper, tolerance: 1e-7);
    }

    [Fact]
    public void Moving_average_over_a_weekly_pattern_forecasts_the_weekly_mean_and_its_spread()
    {
        var f = new MovingAverageForecaster(7).Forecast(Repeat(Week, 3));

        // Residuals are the pattern minus 4: −3…3, mean square 4.
        Assert.Equal(4, f.Mean, tolerance: 1e-12);
        Assert.Equal(4 - (Z90 * 2), f.Lower, tolerance: 1e-7);
        Assert.Equal(4 + (Z90 * 2), f.Upper, tolerance: 1e-7);
    }

    [Fact]
    public void Both_baselines_forecast_zero_for_a_zero_series_and_for_no_history()
    {
        var zeros = new double[28];
        IDailyForecaster[] baselines = [new SeasonalNaiveForecaster(), new MovingAverageForecaster(7)];

        foreach (var b in baselines)
        {
            Assert.Equal(new DailyForecast(0, 0, 0), b.Forecast(zeros));
            Assert.Equal(new DailyForecast(0, 0, 0), b.Forecast([]));
        }
    }

    [Fact]
    public void Without_residuals_the_interval_falls_back_to_the_poisson_spread()
    {
        var f = new MovingAverageForecaster(7).Forecast([9]);

        Assert.Equal(9, f.Mean);
        Assert.Equal(9 - (Z90 * 3), f.Lower, tolerance: 1e-7);
        Assert.Equal(9 + (Z90 * 3), f.Upper, tolerance: 1e-7);
    }
}
