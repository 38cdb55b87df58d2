namespace Journeys.Scoring.Model;

/// <summary>
/// The model's output for one step: the new state and the heads. <see cref="StageProbabilities"/> has 5 entries in
/// <c>JourneyStage</c> order; <see cref="TopItems"/> is sorted by descending score.
/// </summary>
public sealed record StepResult(
    float[] H,
    float[] C,
    float[] StageProbabilities,
    float ConversionProbability,
    float FrictionScore,
    IReadOnlyList<ScoredItem> TopItems);
