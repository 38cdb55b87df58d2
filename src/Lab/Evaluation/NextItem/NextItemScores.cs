namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// Next-item metrics as fractions in [0, 1] over <see cref="Cases"/> test cases, and, where the ranker's lists were
/// kept, what they look like beyond accuracy (<see cref="Lists"/>).
/// </summary>
public sealed record NextItemScores(long Cases, double Hr20, double Mrr20, double Hr10, double Mrr10)
{
    public ListScores? Lists { get; init; }
}
