namespace Journeys.Lab.Forecast;

/// <summary>The methods' scores, in run order (model first), on one group of series such as the total or the top categories.</summary>
public sealed record ForecastGroupResult(string Name, string Description, int Series, IReadOnlyList<ForecastScores> Methods);
