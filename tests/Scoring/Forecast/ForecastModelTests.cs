using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Forecast;

public class ForecastModelTests
{
    private static ForecastModel Model(Action<ForecastOptions>? configure = null)
    {
        var options = new ForecastOptions { HistoryDays = 28, MinHistoryDays = 7 };
        configure?.Invoke(options);
        return new ForecastModel(options);
    }

    private static ForecastModel Fed(IEnumerable<ClickEvent> events, Action<ForecastOptions>? configure = null)
    {
        var model = Model(configure);
        foreach (var e in events) model.Observe(e);
        return model;
    }

    [Fact]
    public void Purchases_are_counted_in_units_per_utc_day()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(14, model.HistoryDays);
        Assert.Equal(2, forecast.DailyMean, 9);
        Assert.Null(forecast.Stock);
        Assert.Null(forecast.StockOutRisk);
        Assert.Equal(InventoryPressure.Unknown, forecast.Pressure);
    }

    [Fact]
    public void A_purchase_without_quantity_is_one_unit_and_other_clicks_are_not_demand()
    {
        var events = new List<ClickEvent> { ForecastEvents.View(0) };
        for (var d = 0; d < 14; d++)
        {
            events.Add(ForecastEvents.Purchase("a", d));
            events.Add(ForecastEvents.View(d, 13, productId: "a"));
        }
        events.Add(ForecastEvents.View(14));

        var forecast = Fed(events).Publish().For("a")!;

        Assert.Equal(1, forecast.DailyMean, 9);
    }

    [Fact]
    public void The_forecast_is_the_models_on_the_products_daily_series()
    {
        var random = new Random(5);
        var counts = Enumerable.Range(0, 28).Select(_ => random.Next(0, 4)).ToArray();
        var events = new List<ClickEvent> { ForecastEvents.View(0) };
        for (var d = 0; d < counts.Length; d++)
        {
            for (var i = 0; i < counts[d]; i++) events.Add(ForecastEvents.Purchase("a", d, hour: 1 + i));
        }
        events.Add(ForecastEvents.View(counts.Length, hour: 6));

        var forecast = Fed(events).Publish().For("a")!;
        var expected = new SeasonalLevelForecaster(new ForecastOptions()).Forecast(counts.Select(c => (double)c).ToArray());

        Assert.Equal(expected, new DailyForecast(forecast.DailyMean, forecast.Lower, forecast.Upper));
    }

    [Fact]
    public void The_first_day_is_left_out_when_the_model_starts_during_it()
    {
        var model = Model();
        model.Observe(ForecastEvents.View(0, hour: 18));
        model.Observe(ForecastEvents.View(3, hour: 1));

        Assert.Equal(2, model.HistoryDays);
    }

    [Fact]
    public void Stock_is_the_feed_figure_less_the_purchases_observed_after_it()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        model.Apply(new ProductFeedItem("a", null, 10, 5, 40));
        model.Observe(ForecastEvents.Purchase("a", 14, 3));
        model.Observe(ForecastEvents.Purchase("a", 14));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(36, forecast.Stock);
        Assert.Equal(18, forecast.DaysOfCover!.Value, 9);
    }

    [Fact]
    public void The_same_feed_row_read_again_keeps_the_purchases_since_it_and_a_new_figure_replaces_them()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        var row = new ProductFeedItem("a", null, 10, 5, 40);
        model.Apply(row);
        model.Observe(ForecastEvents.Purchase("a", 14, 3));

        // A restart reads the compacted feed again: the row the stock already holds changes nothing.
        model.Apply(row);
        Assert.Equal(37, model.Publish().For("a")!.Stock);

        model.Apply(row with { Stock = 50 });
        Assert.Equal(50, model.Publish().For("a")!.Stock);
    }

    [Fact]
    public void Stock_never_goes_below_zero_and_then_stock_out_is_certain()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        model.Apply(new ProductFeedItem("a", null, null, null, 1));
        model.Observe(ForecastEvents.Purchase("a", 14, 5));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(0, forecast.Stock);
        Assert.Equal(1, forecast.StockOutRisk);
        Assert.Equal(InventoryPressure.StockOutRisk, forecast.Pressure);
    }

    [Theory]
    [InlineData(3, InventoryPressure.StockOutRisk)] // P(Poisson(6) ≥ 3) = 0.94
    [InlineData(20, InventoryPressure.Normal)]      // 10 days of cover, P(Poisson(6) ≥ 20) ≈ 3e-5
    [InlineData(500, InventoryPressure.Overstocked)] // 250 days of cover
    public void Pressure_follows_the_stock_out_risk_and_the_days_of_cover(int stock, InventoryPressure expected)
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        model.Apply(new ProductFeedItem("a", null, null, null, stock));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(expected, forecast.Pressure);
    }

    [Fact]
    public void The_stock_out_risk_is_the_poisson_tail_over_the_horizon_for_a_steady_seller()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2), o => o.StockOutHorizonDays = 3);
        model.Apply(new ProductFeedItem("a", null, null, null, 3));

        var risk = model.Publish().For("a")!.StockOutRisk!.Value;

        // Demand over 3 days ~ Poisson(6) (a noise-free history has dispersion 1): P(≥ 3) = 1 − e⁻⁶(1 + 6 + 18).
        Assert.Equal(1 - (25 * Math.Exp(-6)), risk, 9);
    }

    [Fact]
    public void A_product_with_stock_that_does_not_sell_has_endless_cover_and_is_overstocked()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        model.Apply(new ProductFeedItem("idle", null, null, null, 5));

        var forecast = model.Publish().For("idle")!;

        Assert.Equal(double.PositiveInfinity, forecast.DaysOfCover);
        Assert.Equal(0, forecast.StockOutRisk);
        Assert.Equal(InventoryPressure.Overstocked, forecast.Pressure);
    }

    [Fact]
    public void Pressure_stays_unknown_until_enough_days_were_observed()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 5, perDay: 2), o => o.MinHistoryDays = 7);
        model.Apply(new ProductFeedItem("a", null, null, null, 1));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(1, forecast.Stock);
        Assert.Equal(InventoryPressure.Unknown, forecast.Pressure);
    }

    [Fact]
    public void A_feed_row_without_stock_makes_the_stock_unknown_again()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2));
        model.Apply(new ProductFeedItem("a", null, null, null, 10));
        model.Apply(new ProductFeedItem("a", null, null, null, null));

        var forecast = model.Publish().For("a")!;

        Assert.Null(forecast.Stock);
        Assert.Equal(InventoryPressure.Unknown, forecast.Pressure);
    }

    [Fact]
    public void A_late_purchase_older_than_the_window_lowers_stock_but_is_not_demand()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 14, perDay: 2), o => o.HistoryDays = 14);
        model.Apply(new ProductFeedItem("a", null, null, null, 100));
        model.Observe(ForecastEvents.Purchase("a", -30, 50));

        var forecast = model.Publish().For("a")!;

        Assert.Equal(50, forecast.Stock);
        Assert.Equal(2, forecast.DailyMean, 9);
    }

    [Fact]
    public void Memory_is_bounded_by_dropping_the_least_recently_touched_product()
    {
        var model = Model(o => o.MaxProducts = 2);
        model.Observe(ForecastEvents.Purchase("a", 0));
        model.Observe(ForecastEvents.Purchase("b", 0));
        model.Observe(ForecastEvents.Purchase("a", 0));
        model.Observe(ForecastEvents.Purchase("c", 0));

        var snapshot = model.Publish();

        Assert.Equal(2, model.TrackedProducts);
        Assert.NotNull(snapshot.For("a"));
        Assert.Null(snapshot.For("b"));
        Assert.NotNull(snapshot.For("c"));
    }

    [Fact]
    public void Products_with_no_purchase_in_the_window_and_no_stock_are_forgotten_on_a_new_day()
    {
        var model = Model(o => o.HistoryDays = 14);
        model.Observe(ForecastEvents.View(0));
        model.Observe(ForecastEvents.Purchase("gone", 0));
        model.Apply(new ProductFeedItem("stocked", null, null, null, 3));
        model.Observe(ForecastEvents.View(20));

        model.Publish();

        Assert.Equal(1, model.TrackedProducts);
    }

    [Fact]
    public void Each_publish_has_a_new_version_as_of_the_latest_click()
    {
        var model = Fed(ForecastEvents.SteadySeller("a", 3, perDay: 1));

        var first = model.Publish();
        Assert.False(model.HasChanges);
        model.Observe(ForecastEvents.Purchase("a", 3, hour: 5));
        var second = model.Publish();

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(ForecastEvents.Day0.AddDays(3).AddHours(5), second.AsOf);
    }
}
