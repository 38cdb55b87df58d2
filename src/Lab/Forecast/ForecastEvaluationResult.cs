namespace Journeys.Lab.Forecast;

/// <summary>Everything <c>journeys evaluate --task forecast</c> reports.</summary>
public sealed record ForecastEvaluationResult(
    string Dataset,
    DateOnly FirstDay,
    DateOnly LastDay,
    int Rows,
    int ExcludedRows,
    DateOnly EvaluationStart,
    int EvaluationDays,
    int HistoryDays,
    double Smoothing,
    double IntervalLevel,
    IReadOnlyList<ForecastGroupResult> Groups,
    ForecastTrace Total,
    double Seconds);
