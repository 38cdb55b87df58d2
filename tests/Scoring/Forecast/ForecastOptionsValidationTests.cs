using Journeys.Scoring.Forecast;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Tests.Forecast;

public class ForecastOptionsValidationTests
{
    private static ValidateOptionsResult Validate(ForecastOptions options) => new ForecastOptionsValidator().Validate(null, options);

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(Validate(new ForecastOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(ForecastOptions.PublishInterval), "Forecast:PublishInterval")]
    [InlineData(nameof(ForecastOptions.HistoryDays), "shorter than two seasons")]
    [InlineData(nameof(ForecastOptions.Smoothing), "Forecast:Smoothing")]
    [InlineData(nameof(ForecastOptions.IntervalLevel), "Forecast:IntervalLevel")]
    [InlineData(nameof(ForecastOptions.MinHistoryDays), "Forecast:MinHistoryDays")]
    [InlineData(nameof(ForecastOptions.StockOutRiskThreshold), "Forecast:StockOutRiskThreshold")]
    [InlineData(nameof(ForecastOptions.OverstockDaysOfCover), "Forecast:OverstockDaysOfCover")]
    public void A_bad_value_is_rejected_with_a_message_naming_the_setting(string setting, string message)
    {
        var options = new ForecastOptions();
        switch (setting)
        {
            case nameof(ForecastOptions.PublishInterval): options.PublishInterval = TimeSpan.FromMilliseconds(1); break;
            case nameof(ForecastOptions.HistoryDays): options.HistoryDays = 10; options.MinHistoryDays = 5; break;
            case nameof(ForecastOptions.Smoothing): options.Smoothing = 0; break;
            case nameof(ForecastOptions.IntervalLevel): options.IntervalLevel = 1; break;
            case nameof(ForecastOptions.MinHistoryDays): options.MinHistoryDays = 100; break;
            case nameof(ForecastOptions.StockOutRiskThreshold): options.StockOutRiskThreshold = 1.5; break;
            case nameof(ForecastOptions.OverstockDaysOfCover): options.OverstockDaysOfCover = 0; break;
        }

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddForecast_binds_the_section_and_refuses_bad_values()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forecast:HistoryDays"] = "10",
            ["Forecast:MinHistoryDays"] = "3",
        }).Build();
        using var provider = new ServiceCollection().AddForecast(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ForecastOptions>>().Value);

        Assert.Contains("Forecast:HistoryDays (10)", error.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetService<ProductFeedInbox>());
    }
}
