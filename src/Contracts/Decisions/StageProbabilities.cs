namespace Journeys.Contracts.Decisions;

/// <summary>The model's forecast of the furthest stage the session will reach; the five values sum to 1.</summary>
public sealed record StageProbabilities(
    double Awareness,
    double Consideration,
    double Intent,
    double Purchase,
    double Loyalty);
