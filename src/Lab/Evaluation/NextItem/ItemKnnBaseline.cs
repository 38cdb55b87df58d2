namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// Item-KNN as in Hidasi et al. 2016 and session-rec's <c>ItemKNN</c> defaults: items are similar when they occur in
/// the same sessions, sim(i, j) = co-sessions(i, j) / (sessions(i)^α · sessions(j)^(1−α) + λ) with α = 0.5 (cosine)
/// and λ = 20 (regularization against coincidental similarity of rare items), keeping each item's 100 most similar
/// items. A prefix is scored by the similarities to its last item only.
/// </summary>
public sealed class ItemKnnBaseline(int neighbours = 100, double lambda = 20, double alpha = 0.5) : INextItemBaseline
{
    private (int Item, float Similarity)[][] _similar = [];

    public string Name => "itemknn";
    public string Description => $"Item-KNN: cosine co-occurrence over sessions, alpha={alpha}, lambda={lambda}, {neighbours} neighbours per item, last item only";

    public void Fit(IReadOnlyList<int[]> sessions, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var unique = sessions.Select(s => s.Where(i => i > 0 && i <= itemCount).Distinct().ToArray()).ToArray();
        var support = new int[itemCount + 1];
        var byItem = new List<int>[itemCount + 1];
        for (var s = 0; s < unique.Length; s++)
        {
            foreach (var i in unique[s])
            {
                support[i]++;
                (byItem[i] ??= []).Add(s);
            }
        }
        _similar = new (int, float)[itemCount + 1][];
        var co = new int[itemCount + 1];
        var touched = new List<int>();
        for (var i = 1; i <= itemCount; i++)
        {
            if (byItem[i] is not { } list)
            {
                _similar[i] = [];
                continue;
            }
            foreach (var s in list)
            {
                foreach (var j in unique[s])
                {
                    if (j == i) continue;
                    if (co[j]++ == 0) touched.Add(j);
                }
            }
            var candidates = new (int, float)[touched.Count];
            for (var n = 0; n < touched.Count; n++)
            {
                var j = touched[n];
                candidates[n] = (j, (float)(co[j] / ((Math.Pow(support[i], alpha) * Math.Pow(support[j], 1 - alpha)) + lambda)));
                co[j] = 0;
            }
            touched.Clear();
            _similar[i] = candidates.OrderByDescending(c => c.Item2).ThenBy(c => c.Item1).Take(neighbours).ToArray();
        }
    }

    public void Score(ReadOnlySpan<int> prefix, Span<float> scores)
    {
        if (prefix.Length == 0) return;
        var last = prefix[^1];
        if (last <= 0 || last >= _similar.Length) return;
        foreach (var (j, sim) in _similar[last]) scores[j] = sim;
    }
}
