namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>POP: every session gets the training set's most clicked items.</summary>
public sealed class PopBaseline : INextItemBaseline
{
    private float[] _popularity = [];

    public string Name => "pop";
    public string Description => "POP: training click counts";

    public void Fit(IReadOnlyList<int[]> sessions, int itemCount) => _popularity = Popularity.Counts(sessions, itemCount);

    public void Score(ReadOnlySpan<int> prefix, Span<float> scores) => _popularity.CopyTo(scores);
}
