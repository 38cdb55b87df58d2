namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// Accumulates the top-20 lists of one ranker over a split's test cases into <see cref="ListScores"/>: item coverage@20,
/// the share of cases led by the most common first item (does every shopper see the same product?), and the mean
/// popularity percentile of what is recommended (does it only echo the best sellers?). Items are the split's training
/// items; an id outside them (a model trained on other data) counts as a list entry but adds no coverage or popularity.
/// </summary>
public sealed class RecommendationLists
{
    public const int ListLength = 20;

    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<string> _items;
    private readonly double[] _percentile;
    private readonly bool[] _seen;
    private readonly long[] _firsts;
    private long _cases;
    private long _entries;
    private double _percentileSum;
    private int _distinct;

    public RecommendationLists(NextItemSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        _items = split.Items;
        _index = new Dictionary<string, int>(split.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < split.Items.Count; i++) _index[split.Items[i]] = i + 1;
        var clicks = new long[split.Items.Count + 1];
        foreach (var session in split.Train)
        {
            foreach (var id in session)
            {
                if (_index.TryGetValue(id, out var i)) clicks[i]++;
            }
        }
        _percentile = Percentiles(clicks);
        _seen = new bool[clicks.Length];
        _firsts = new long[clicks.Length];
    }

    /// <summary>The split index (1…N) of an item id, 0 when it is not a training item.</summary>
    public int IndexOf(string id) => _index.GetValueOrDefault(id);

    /// <summary>One case's list by split index, best first (only the first <see cref="ListLength"/> count; 0 = unknown item).</summary>
    public void AddIndices(ReadOnlySpan<int> top)
    {
        _cases++;
        var n = Math.Min(top.Length, ListLength);
        if (n > 0 && top[0] > 0) _firsts[top[0]]++;
        for (var r = 0; r < n; r++)
        {
            var i = top[r];
            _entries++;
            if (i <= 0 || i >= _seen.Length) continue;
            _percentileSum += _percentile[i];
            if (!_seen[i])
            {
                _seen[i] = true;
                _distinct++;
            }
        }
    }

    /// <summary>One case's list by item id, best first.</summary>
    public void Add(IReadOnlyList<string> top)
    {
        ArgumentNullException.ThrowIfNull(top);
        Span<int> indices = stackalloc int[ListLength];
        var n = Math.Min(top.Count, ListLength);
        for (var r = 0; r < n; r++) indices[r] = IndexOf(top[r]);
        AddIndices(indices[..n]);
    }

    public ListScores Result()
    {
        var best = 0;
        for (var i = 1; i < _firsts.Length; i++)
        {
            if (_firsts[i] > _firsts[best]) best = i;
        }
        return new ListScores(
            _items.Count == 0 ? 0 : (double)_distinct / _items.Count,
            _cases == 0 ? 0 : (double)_firsts[best] / _cases,
            best == 0 ? null : _items[best - 1],
            _entries == 0 ? 0 : _percentileSum / _entries);
    }

    /// <summary>
    /// Mid-rank percentile of each item's training clicks among all training items: 100 × (items clicked less + half of
    /// those clicked as often, itself included) / items. Ties share one value, so it does not depend on the tie order.
    /// </summary>
    private static double[] Percentiles(long[] clicks)
    {
        var n = clicks.Length - 1;
        var result = new double[clicks.Length];
        if (n == 0) return result;
        var order = Enumerable.Range(1, n).OrderBy(i => clicks[i]).ToArray();
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end < n && clicks[order[end]] == clicks[order[start]]) end++;
            var value = 100.0 * (start + ((end - start) / 2.0)) / n;
            for (var j = start; j < end; j++) result[order[j]] = value;
            start = end;
        }
        return result;
    }
}
