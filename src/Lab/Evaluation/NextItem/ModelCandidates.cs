using Journeys.Scoring.Model;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// The model's view of one test case: the target's rank over the whole vocabulary (<see cref="Ranking"/>'s tie rule,
/// as in <see cref="NextItemEvaluator.EvaluateModel"/>) and its best items with probabilities, best first.
/// </summary>
public sealed record ModelCandidates(int Rank, ScoredItem[] Top);
