namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// SKNN (session-rec <c>ContextKNN</c>; Ludewig &amp; Jannach 2018): the current session's distinct items are compared
/// with candidate training sessions (the <c>sampleSize</c> most recent sharing an item) by cosine similarity of binary
/// item vectors, |A∩B| / √(|A|·|B|); an item's score is the sum of the similarities of the k nearest sessions that
/// contain it. Defaults k = 100, sample size = 500.
/// </summary>
public sealed class SknnBaseline(int k = 100, int sampleSize = 500) : INextItemBaseline
{
    private SessionNeighbours? _neighbours;

    public string Name => "sknn";
    public string Description => $"SKNN: k={k}, sample_size={sampleSize} (most recent), cosine on binary session vectors";

    public void Fit(IReadOnlyList<int[]> sessions, int itemCount) => _neighbours = new SessionNeighbours(sessions, itemCount);

    public void Score(ReadOnlySpan<int> prefix, Span<float> scores)
    {
        var n = _neighbours ?? throw new InvalidOperationException("Fit first.");
        var current = new HashSet<int>();
        foreach (var i in prefix) current.Add(i);
        var scored = new List<(int, double)>();
        foreach (var s in n.Candidates(prefix, sampleSize))
        {
            var items = n.Items(s);
            var shared = 0;
            foreach (var i in items)
            {
                if (current.Contains(i)) shared++;
            }
            scored.Add((s, shared / Math.Sqrt((double)current.Count * items.Length)));
        }
        foreach (var (s, sim) in SessionNeighbours.Nearest(scored, k))
        {
            foreach (var i in n.Items(s)) scores[i] += (float)sim;
        }
    }
}
