namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// V-SKNN (session-rec <c>VMContextKNN</c>; Ludewig &amp; Jannach 2018) with its defaults: the current session is a
/// real-valued vector with linear decay by position (<c>weighting='div'</c>: the item at position p of L gets p / L, so
/// the last click weighs 1; a repeated item keeps its latest weight). A candidate's similarity is the dot product with
/// its binary vector divided by the number of weighted items; the k nearest of the <c>sampleSize</c> most recent
/// candidates vote for their items with similarity × 1/step (<c>weighting_score='div_score'</c>), step being how far
/// from the end of the current session the latest item shared with that neighbour lies. Defaults k = 100, sample size 1000.
/// </summary>
public sealed class VsknnBaseline(int k = 100, int sampleSize = 1000) : INextItemBaseline
{
    private SessionNeighbours? _neighbours;

    public string Name => "vsknn";
    public string Description => $"V-SKNN: k={k}, sample_size={sampleSize} (most recent), linear position decay (div), score decay 1/step (div_score)";

    public void Fit(IReadOnlyList<int[]> sessions, int itemCount) => _neighbours = new SessionNeighbours(sessions, itemCount);

    public void Score(ReadOnlySpan<int> prefix, Span<float> scores)
    {
        var n = _neighbours ?? throw new InvalidOperationException("Fit first.");
        var length = prefix.Length;
        // Weights p / L kept as their numerators p: a dot product is then an exact integer sum divided once, so equal
        // similarities are equal doubles and the tie rule (more recent first) decides, not the order of additions.
        var weight = new Dictionary<int, int>();
        for (var p = 0; p < length; p++) weight[prefix[p]] = p + 1;
        var scored = new List<(int, double)>();
        foreach (var s in n.Candidates(prefix, sampleSize))
        {
            long dot = 0;
            foreach (var i in n.Items(s))
            {
                if (weight.TryGetValue(i, out var w)) dot += w;
            }
            scored.Add((s, dot / ((double)length * weight.Count)));
        }
        foreach (var (s, sim) in SessionNeighbours.Nearest(scored, k))
        {
            var items = n.Items(s);
            var step = 1;
            for (var p = length - 1; p >= 0; p--, step++)
            {
                if (Array.IndexOf(items, prefix[p]) >= 0) break;
            }
            var vote = (float)(sim / step);
            foreach (var i in items) scores[i] += vote;
        }
    }
}
