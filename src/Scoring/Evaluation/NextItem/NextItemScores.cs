namespace Journeys.Scoring.Evaluation.NextItem;

/// <summary>Next-item metrics as fractions in [0, 1] over <see cref="Cases"/> test cases.</summary>
public sealed record NextItemScores(long Cases, double Hr20, double Mrr20, double Hr10, double Mrr10);
