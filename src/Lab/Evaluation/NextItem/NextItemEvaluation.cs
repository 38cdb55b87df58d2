namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// One evaluation run: the model's and every same-run baseline's metrics on one split, and <see cref="Served"/>: what the
/// engine ranks (the model blended with the session's relations), when it was evaluated.
/// </summary>
public sealed record NextItemEvaluation(
    string Dataset,
    string Protocol,
    long TestCases,
    string ModelVersion,
    NextItemScores Model,
    IReadOnlyList<BaselineResult> Baselines,
    double? TrainSeconds,
    double ModelSeconds)
{
    public NextItemScores? Served { get; init; }
}
