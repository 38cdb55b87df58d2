namespace Journeys.Scoring.Catalog;

/// <summary>
/// V-SKNN (session-rec <c>VMContextKNN</c> with its defaults; <c>VsknnBaseline</c> is the reference) over a
/// <see cref="SessionNeighbourSnapshot"/>, in arrays a thread reuses call after call:
/// <list type="number">
/// <item>The session's clicks, oldest first, weigh p / L at position p of L (1-based; a repeated product keeps its
/// latest weight); products the snapshot does not know still count among the weighted items.</item>
/// <item>Candidates: the <see cref="SessionNeighbourSnapshot.SampleSize"/> most recent indexed sessions holding any of
/// the session's products — a merge of the products' lists, which are most recent first — skipping the session itself.</item>
/// <item>Similarity: the sum of the weights of a candidate's products over the number of weighted items; the
/// <see cref="SessionNeighbourSnapshot.Neighbours"/> most similar vote (ties to the more recent), each for every one
/// of its products with similarity / step, step = 1 + clicks since the latest one of a product they share.</item>
/// <item>The best <see cref="SessionNeighbourSnapshot.MaxCandidates"/> products by vote (ties to the one voted for
/// first: by the nearer neighbour, then in its order of clicks), and each one's share of their sum.</item>
/// </list>
/// The floating-point operations are VsknnBaseline's, in its order (similarity from an exact integer sum, votes added
/// neighbour by neighbour as float), so the scores are equal to the bit. Nothing is shared between threads.
/// </summary>
internal sealed class NeighbourScorer
{
    [ThreadStatic]
    private static NeighbourScorer? t_free;

    private readonly ItemSlots _prefixSlots = new();
    private readonly ItemSlots _voteSlots = new();
    private int[] _prefixItems = new int[32];
    private int[] _prefixLast = new int[32];
    private string?[] _unknown = new string?[16];
    private int[] _cursors = new int[32];
    private int[] _ends = new int[32];
    private Head[] _heads = new Head[32];
    private Neighbour[] _nearest = new Neighbour[128];
    private int[] _voteItems = new int[256];
    private float[] _votes = new float[256];
    private int[] _best = new int[128];
    private double[] _shares = new double[128];
    private SessionNeighbourSnapshot? _snapshot;
    private int _bestCount;

    /// <summary>This thread's instance, or a new one when it is in use.</summary>
    public static NeighbourScorer Rent()
    {
        var scorer = t_free;
        if (scorer is null) return new NeighbourScorer();
        t_free = null;
        return scorer;
    }

    /// <summary>Lets go of the snapshot and gives the arrays back to the thread for its next call.</summary>
    public void Return()
    {
        Clear();
        t_free = this;
    }

    /// <summary>Lets go of the snapshot (it may be replaced; an owner keeping this scorer calls it after each use).</summary>
    public void Clear()
    {
        _snapshot = null;
        _bestCount = 0;
    }

    /// <summary>The id of the i-th best product of the last <see cref="Score"/> (valid until the next call or <see cref="Return"/>).</summary>
    public string CandidateAt(int i) => _snapshot!.Items[_voteItems[_best[i]]];

    /// <summary>The i-th best product's V-SKNN score.</summary>
    public float RawScoreAt(int i) => _votes[_best[i]];

    /// <summary>The i-th best product's share of the put-forward products' total score (they sum to 1).</summary>
    public double ShareAt(int i) => _shares[i];

    /// <summary>Scores a session (<paramref name="recentItems"/> most recent first); returns how many products it puts forward.</summary>
    public int Score(SessionNeighbourSnapshot view, IReadOnlyList<string> recentItems, string? excludeSessionId)
    {
        _snapshot = view;
        _bestCount = 0;
        var length = recentItems.Count;
        if (length == 0 || view.SessionCount == 0) return 0;
        var excluded = excludeSessionId is not null && view.SessionNumbers.TryGetValue(excludeSessionId, out var self) ? self : -1;
        var weighted = Weigh(view, recentItems);
        var known = _prefixSlots.Count;
        if (known == 0) return 0;
        var count = Nearest(view, length, weighted, excluded);
        Vote(view, count);
        Best(view);
        return _bestCount;
    }

    /// <summary>The latest position of each of the session's products; returns the number of weighted (distinct) items.</summary>
    private int Weigh(SessionNeighbourSnapshot view, IReadOnlyList<string> recentItems)
    {
        var length = recentItems.Count;
        _prefixSlots.Reset(length);
        Grow(ref _prefixItems, length);
        Grow(ref _prefixLast, length);
        var unknownCount = 0;
        for (var p = 0; p < length; p++)
        {
            var id = recentItems[length - 1 - p];
            if (view.ItemNumbers.TryGetValue(id, out var item))
            {
                var place = _prefixSlots.Add(item, out _);
                _prefixItems[place] = item;
                _prefixLast[place] = p;
            }
            else if (Array.IndexOf(_unknown, id, 0, unknownCount) < 0)
            {
                Grow(ref _unknown, unknownCount + 1);
                _unknown[unknownCount++] = id;
            }
        }
        Array.Clear(_unknown, 0, unknownCount);
        return _prefixSlots.Count + unknownCount;
    }

    /// <summary>Samples the candidates, most recent first, and keeps the k most similar in <see cref="_nearest"/>, best first.</summary>
    private int Nearest(SessionNeighbourSnapshot view, int length, int weighted, int excluded)
    {
        var known = _prefixSlots.Count;
        Grow(ref _cursors, known);
        Grow(ref _ends, known);
        Grow(ref _heads, known);
        var heapCount = 0;
        for (var j = 0; j < known; j++)
        {
            var item = _prefixItems[j];
            _cursors[j] = view.PostingStarts[item];
            _ends[j] = view.PostingStarts[item + 1];
            if (_cursors[j] < _ends[j]) BinaryHeap.SiftUp(_heads, heapCount++, new Head(view.Postings[_cursors[j]], j), default(MostRecentFirst));
        }

        var k = view.Neighbours;
        Grow(ref _nearest, Math.Min(k, view.SessionCount));
        var nearestCount = 0;
        var sampled = 0;
        var current = -1;
        long sum = 0;
        var latest = -1;
        // Lists are most recent first, so the merge meets a session held by several of the session's products in a row,
        // once per product it shares: its similarity and latest shared click add up from the merge alone, without
        // reading its items (which would be a cache miss per candidate).
        while (heapCount > 0)
        {
            var (session, list) = _heads[0];
            if (++_cursors[list] < _ends[list])
            {
                BinaryHeap.SiftDown(_heads, 0, new Head(view.Postings[_cursors[list]], list), heapCount, default(MostRecentFirst));
            }
            else if (--heapCount > 0)
            {
                BinaryHeap.SiftDown(_heads, 0, _heads[heapCount], heapCount, default(MostRecentFirst));
            }
            if (session != current)
            {
                if (current >= 0 && current != excluded) Consider(current, sum, latest, length, weighted, k, ref nearestCount);
                current = -1;
                if (session != excluded && sampled++ == view.SampleSize) break;
                current = session;
                sum = 0;
                latest = -1;
            }
            var position = _prefixLast[list];
            sum += position + 1;
            if (position > latest) latest = position;
        }
        if (current >= 0 && current != excluded) Consider(current, sum, latest, length, weighted, k, ref nearestCount);
        BinaryHeap.Sort(_nearest, nearestCount, default(WorstNeighbourFirst));
        return nearestCount;
    }

    /// <summary>
    /// A sampled session among the k nearest so far. Its similarity is Σ (p + 1) / (L · weighted items) over the shared
    /// products: one division of an exact integer sum, so equal similarities are equal doubles whatever order the
    /// products were met in, and the tie rule (more recent first) decides — VsknnBaseline computes it the same way.
    /// </summary>
    private void Consider(int session, long sum, int latest, int length, int weighted, int k, ref int nearestCount)
    {
        var candidate = new Neighbour(sum / ((double)length * weighted), session, length - latest);
        if (nearestCount < k)
        {
            BinaryHeap.SiftUp(_nearest, nearestCount++, candidate, default(WorstNeighbourFirst));
        }
        else if (default(WorstNeighbourFirst).Above(_nearest[0], candidate))
        {
            BinaryHeap.SiftDown(_nearest, 0, candidate, nearestCount, default(WorstNeighbourFirst));
        }
    }

    private void Vote(SessionNeighbourSnapshot view, int nearestCount)
    {
        var capacity = 0;
        for (var i = 0; i < nearestCount; i++) capacity += view.SessionStarts[_nearest[i].Session + 1] - view.SessionStarts[_nearest[i].Session];
        _voteSlots.Reset(capacity);
        Grow(ref _voteItems, capacity);
        Grow(ref _votes, capacity);
        for (var i = 0; i < nearestCount; i++)
        {
            var n = _nearest[i];
            var vote = (float)(n.Similarity / n.Step);
            foreach (var item in view.ItemsOf(n.Session))
            {
                var place = _voteSlots.Add(item, out var added);
                if (added)
                {
                    _voteItems[place] = item;
                    _votes[place] = 0f;
                }
                _votes[place] += vote;
            }
        }
    }

    /// <summary>The best products by vote into <see cref="_best"/> (best first) and their shares.</summary>
    private void Best(SessionNeighbourSnapshot view)
    {
        var limit = view.MaxCandidates;
        var count = _voteSlots.Count;
        Grow(ref _best, Math.Min(limit, count));
        var order = new WorstProductFirst(_votes);
        var n = 0;
        for (var place = 0; place < count; place++)
        {
            if (n < limit)
            {
                BinaryHeap.SiftUp(_best, n++, place, order);
            }
            else if (order.Above(_best[0], place))
            {
                BinaryHeap.SiftDown(_best, 0, place, n, order);
            }
        }
        BinaryHeap.Sort(_best, n, order);
        _bestCount = n;
        Grow(ref _shares, n);
        double total = 0;
        for (var i = 0; i < n; i++) total += _votes[_best[i]];
        for (var i = 0; i < n; i++) _shares[i] = _votes[_best[i]] / total;
    }

    // The neighbour heap keeps the worst of the k on top: less similar, then less recent (lower session number).
    private readonly struct WorstNeighbourFirst : IHeapOrder<Neighbour>
    {
        public bool Above(in Neighbour a, in Neighbour b) => a.Similarity < b.Similarity || (a.Similarity == b.Similarity && a.Session < b.Session);
    }

    // The product heap keeps the worst kept product on top: lower vote, then voted for later (a higher place). Equal votes
    // are common (a neighbour votes alike for all its products), so the tie rule compares places, not ids.
    private readonly struct WorstProductFirst(float[] votes) : IHeapOrder<int>
    {
        public bool Above(in int a, in int b) => votes[a] < votes[b] || (votes[a] == votes[b] && a > b);
    }

    // The merge's heap of list heads: the most recent session on top.
    private readonly struct MostRecentFirst : IHeapOrder<Head>
    {
        public bool Above(in Head a, in Head b) => a.Session > b.Session;
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) array = new T[Math.Max(size, array.Length * 2)];
    }

    private readonly record struct Head(int Session, int List);

    private readonly record struct Neighbour(double Similarity, int Session, int Step);
}
