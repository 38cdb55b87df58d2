namespace Journeys.Scoring.Forecast;

/// <summary>One day's demand forecast: the expected count and a central prediction interval around it.</summary>
public readonly record struct DailyForecast(double Mean, double Lower, double Upper)
{
    public bool Contains(double actual) => actual >= Lower && actual <= Upper;
}
