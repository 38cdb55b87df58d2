using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Forecast;

/// <summary>The checks DataAnnotations cannot express; each failure says which setting to change and how.</summary>
public sealed class ForecastOptionsValidator : IValidateOptions<ForecastOptions>
{
    /// <summary>Below this the stage would spend its time building snapshots nobody has read yet.</summary>
    public static readonly TimeSpan MinPublishInterval = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PublishInterval < MinPublishInterval || options.PublishInterval > TimeSpan.FromHours(1))
            failures.Add($"Forecast:PublishInterval is {options.PublishInterval}; use a duration from {MinPublishInterval} to 01:00:00 (default 00:00:05).");
        if (options.MaxProducts < 1) failures.Add($"Forecast:MaxProducts is {options.MaxProducts}; it must be at least 1 (default 100000).");
        if (options.HistoryDays < 1) failures.Add($"Forecast:HistoryDays is {options.HistoryDays}; it must be at least 1 (default 56).");
        if (options.SeasonLength < 1) failures.Add($"Forecast:SeasonLength is {options.SeasonLength}; it must be at least 1 (default 7; 1 = no seasonality).");
        else if (options.SeasonLength > 1 && options.HistoryDays < 2 * options.SeasonLength)
            failures.Add($"Forecast:HistoryDays ({options.HistoryDays}) is shorter than two seasons of Forecast:SeasonLength ({options.SeasonLength}), so the seasonal factors would never be used; raise HistoryDays to at least {2 * options.SeasonLength} or set SeasonLength to 1.");
        if (!(options.Smoothing > 0 && options.Smoothing <= 1)) failures.Add($"Forecast:Smoothing is {options.Smoothing}; use a weight above 0 and at most 1 (default 0.2).");
        if (!(options.IntervalLevel >= 0.5 && options.IntervalLevel < 1)) failures.Add($"Forecast:IntervalLevel is {options.IntervalLevel}; use a coverage from 0.5 to 0.999 (default 0.9).");
        if (options.MinHistoryDays < 0 || options.MinHistoryDays > options.HistoryDays)
            failures.Add($"Forecast:MinHistoryDays is {options.MinHistoryDays}; use 0 to Forecast:HistoryDays ({options.HistoryDays}) (default 7).");
        if (options.StockOutHorizonDays < 1) failures.Add($"Forecast:StockOutHorizonDays is {options.StockOutHorizonDays}; it must be at least 1 (default 3).");
        if (!(options.StockOutRiskThreshold >= 0 && options.StockOutRiskThreshold <= 1))
            failures.Add($"Forecast:StockOutRiskThreshold is {options.StockOutRiskThreshold}; use a probability from 0 to 1 (default 0.5).");
        if (!(options.OverstockDaysOfCover >= 1)) failures.Add($"Forecast:OverstockDaysOfCover is {options.OverstockDaysOfCover}; use at least 1 day (default 60).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
