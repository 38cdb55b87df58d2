namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// The training sessions of the session-based kNN baselines: each session's distinct items, and per item the sessions
/// containing it in training order. Candidate neighbours follow session-rec's <c>sampling='recent'</c>: of the
/// sessions sharing an item with the current one, the <c>sampleSize</c> most recent (latest in training order — the
/// splits are chronological and the SR-GNN files carry no timestamps).
/// </summary>
internal sealed class SessionNeighbours
{
    private readonly int[][] _sessions;
    private readonly int[][] _byItem;
    private readonly int[] _stamp;
    private int _generation;

    public SessionNeighbours(IReadOnlyList<int[]> training, int itemCount)
    {
        _sessions = training.Select(s => s.Where(i => i > 0 && i <= itemCount).Distinct().ToArray()).ToArray();
        var lists = new List<int>[itemCount + 1];
        for (var s = 0; s < _sessions.Length; s++)
        {
            foreach (var i in _sessions[s]) (lists[i] ??= []).Add(s);
        }
        _byItem = lists.Select(l => l?.ToArray() ?? []).ToArray();
        _stamp = new int[_sessions.Length];
    }

    public int[] Items(int session) => _sessions[session];

    /// <summary>Distinct sessions containing any of <paramref name="items"/>, the most recent <paramref name="sampleSize"/> of them.</summary>
    public List<int> Candidates(ReadOnlySpan<int> items, int sampleSize)
    {
        _generation++;
        var found = new List<int>();
        foreach (var i in items)
        {
            if (i <= 0 || i >= _byItem.Length) continue;
            foreach (var s in _byItem[i])
            {
                if (_stamp[s] == _generation) continue;
                _stamp[s] = _generation;
                found.Add(s);
            }
        }
        if (found.Count > sampleSize)
        {
            found.Sort((a, b) => b.CompareTo(a));
            found.RemoveRange(sampleSize, found.Count - sampleSize);
        }
        return found;
    }

    /// <summary>The <paramref name="k"/> most similar (ties: more recent first), similarity &gt; 0 only.</summary>
    public static List<(int Session, double Similarity)> Nearest(List<(int Session, double Similarity)> scored, int k) =>
        scored.Where(n => n.Similarity > 0).OrderByDescending(n => n.Similarity).ThenByDescending(n => n.Session).Take(k).ToList();
}
