using Journeys.Scoring.Forecast;

namespace Journeys.Lab.Forecast;

/// <summary>One series over the evaluation days: what happened and what each method forecast (for the chart).</summary>
public sealed record ForecastTrace(IReadOnlyList<DateOnly> Days, IReadOnlyList<double> Actual, IReadOnlyDictionary<string, IReadOnlyList<DailyForecast>> Forecasts);
