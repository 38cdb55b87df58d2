namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// A non-neural next-item recommender fitted on training sessions of dense item indices 1…N. <see cref="Score"/>
/// writes a score per item into a zeroed array of length N + 1 (higher = better; entry 0 is ignored).
/// </summary>
public interface INextItemBaseline
{
    /// <summary>Short name used as the JSON key (pop, spop, itemknn, sknn, vsknn).</summary>
    string Name { get; }

    /// <summary>Parameters as they go into the report.</summary>
    string Description { get; }

    void Fit(IReadOnlyList<int[]> sessions, int itemCount);

    void Score(ReadOnlySpan<int> prefix, Span<float> scores);
}
