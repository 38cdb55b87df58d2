using Journeys.Scoring.Forecast;

namespace Journeys.Lab.Forecast;

/// <summary>What <see cref="ForecastEvaluation"/> scores and how.</summary>
public sealed class ForecastEvaluationOptions
{
    /// <summary>Name of the data in the report.</summary>
    public string DatasetName { get; init; } = "purchases";

    /// <summary>The last days of the series, each forecast one day ahead from the days before it (rolling origin).</summary>
    public int EvaluationDays { get; init; } = 56;

    /// <summary>Categories with most purchases before the evaluation days (0 = skip the group).</summary>
    public int TopCategories { get; init; } = 20;

    /// <summary>Products with most purchases before the evaluation days (0 = skip the group).</summary>
    public int TopProducts { get; init; } = 50;

    /// <summary>Days averaged by the moving-average baseline.</summary>
    public int MovingAverageDays { get; init; } = 7;

    /// <summary>The model's settings, as the forecast stage would run with them (history, season, smoothing, interval level).</summary>
    public ForecastOptions Model { get; init; } = new();
}
