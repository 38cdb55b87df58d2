namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// S-POP (Hidasi et al. 2016): the items clicked most often in the current session; ties — including all items the
/// session has not clicked — broken by training popularity. Score = session count + pop / (max pop + 1).
/// </summary>
public sealed class SPopBaseline : INextItemBaseline
{
    private float[] _tieBreak = [];

    public string Name => "spop";
    public string Description => "S-POP: clicks in the current session, ties by training popularity";

    public void Fit(IReadOnlyList<int[]> sessions, int itemCount)
    {
        var counts = Popularity.Counts(sessions, itemCount);
        var max = counts.Length == 0 ? 0 : counts.Max();
        _tieBreak = counts.Select(c => c / (max + 1)).ToArray();
    }

    public void Score(ReadOnlySpan<int> prefix, Span<float> scores)
    {
        _tieBreak.CopyTo(scores);
        foreach (var i in prefix)
        {
            if (i > 0 && i < scores.Length) scores[i] += 1;
        }
    }
}
