using Journeys.Scoring.Recommendations;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// What <see cref="RelationEvaluation.ChooseWeights"/> found on the validation sessions: the best weights and their
/// scores, the model alone on the same cases, and every combination tried.
/// </summary>
public sealed record BlendTuning(
    (RelationBlendWeights Weights, NextItemScores Scores) Best,
    NextItemScores Model,
    int Cases,
    IReadOnlyList<(RelationBlendWeights Weights, NextItemScores Scores)> Tried);
