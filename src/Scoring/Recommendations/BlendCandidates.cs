using System.Numerics;
using System.Runtime.InteropServices;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;

namespace Journeys.Scoring.Recommendations;

/// <summary>
/// The working memory of one <see cref="RelationBlend"/>: each candidate's four parts in a flat array of structs (its
/// index is its insertion order, the tie order), an index from id to entry, and a binary heap that hands the candidates
/// out best first. A thread rents its own (<see cref="Rent"/>, <see cref="Return"/>) and reuses it call after
/// call, so a blend allocates nothing once the arrays have grown to the largest candidate set seen; advisors run on many
/// thread-pool threads at once, so nothing here is shared. The heap lets the recommender stop after the few candidates
/// its rules take instead of ranking them all: popping yields exactly the order of a full sort by (total descending,
/// insertion order), a strict total order (totals ranked as double.CompareTo ranks them, NaN lowest; insertion orders
/// are distinct), so the order does not depend on how the ranking is computed.
/// </summary>
internal sealed class BlendCandidates
{
    [ThreadStatic]
    private static BlendCandidates? t_free;

    // Ordinal: the runtime then hashes ids with its cheap non-randomized string hash (Marvin, the randomized one, was a
    // top function in the blend's profile) and switches to the randomized one by itself should ids ever collide
    // suspiciously often — ids come from clicks.
    private readonly Dictionary<string, int> _index = new(64, StringComparer.Ordinal);
    private Entry[] _entries = new Entry[64];
    private double[] _totals = new double[64];
    private Node[] _heap = new Node[64];
    private int _count;
    private int _heapCount;
    private string[] _sources = new string[8];
    private double[] _shares = new double[8];
    private IReadOnlyList<RelatedItem>?[] _relations = new IReadOnlyList<RelatedItem>?[8];
    private int _sourceCount;
    // The V-SKNN scratch travels with the blend's: both belong to the renting thread.
    private readonly NeighbourScorer _neighbours = new();

    /// <summary>Candidates not handed out yet.</summary>
    public int Remaining => _heapCount;

    /// <summary>This thread's instance, or a new one when it is in use (a blend inside a relation lookup).</summary>
    public static BlendCandidates Rent()
    {
        var candidates = t_free;
        if (candidates is null) return new BlendCandidates();
        t_free = null;
        return candidates;
    }

    /// <summary>Drops the references to ids and relation lists (they may belong to a replaced snapshot) and keeps the arrays for the thread's next blend.</summary>
    public void Return()
    {
        Array.Clear(_entries, 0, _count);
        _index.Clear();
        Array.Clear(_sources, 0, _sourceCount);
        Array.Clear(_relations, 0, _sourceCount);
        _neighbours.Clear();
        _count = _heapCount = _sourceCount = 0;
        t_free = this;
    }

    /// <summary>
    /// Scores every candidate as <see cref="RelationBlend"/> describes, with the same floating-point operations in the same
    /// order as a per-candidate accumulation would (model part first, then each source's relations in list order, then
    /// the neighbours' share, then the recently-viewed share), so the totals are equal to the bit. Weights must be valid.
    /// </summary>
    public void Fill(IReadOnlyList<ScoredItem> modelTop, IReadOnlyList<string> recentItems,
        Func<string, IReadOnlyList<RelatedItem>> related, RelationBlendWeights weights,
        SessionNeighbourSnapshot? neighbours = null, string? sessionId = null)
    {
        var neighbourCount = weights.SessionNeighbours > 0 && neighbours is not null
            ? _neighbours.Score(neighbours, recentItems, sessionId)
            : 0;
        // Without neighbour candidates λN leaves the mixture, and the blend is the one without it to the bit; so does λR
        // without an earlier product.
        var viewedBefore = weights.RecentlyViewed > 0 && recentItems.Count > 1;
        var mass = 1 + weights.CoView + weights.CoPurchase;
        if (neighbourCount > 0) mass += weights.SessionNeighbours;
        if (viewedBefore) mass += weights.RecentlyViewed;
        var norm = 1 / mass;
        Sources(recentItems, weights);
        // Every candidate is a model item, a relation, a neighbours' product or an earlier product of the session, so
        // their count bounds the table: it never grows mid-blend.
        var capacity = modelTop.Count + neighbourCount + (viewedBefore ? recentItems.Count - 1 : 0);
        for (var s = 0; s < _sourceCount; s++)
        {
            var relations = related(_sources[s]);
            _relations[s] = relations;
            capacity += relations.Count;
        }
        Prepare(capacity);

        for (var i = 0; i < modelTop.Count; i++)
        {
            var item = modelTop[i];
            // A repeated model item keeps its first (best) score.
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, item.ProductId, out var seen);
            if (!seen)
            {
                index = _count;
                _entries[_count++] = new Entry { Id = item.ProductId, Model = norm * item.Score };
            }
        }
        for (var s = 0; s < _sourceCount; s++)
        {
            var share = _shares[s];
            var relations = _relations[s]!;
            for (var j = 0; j < relations.Count; j++)
            {
                var r = relations[j];
                var weight = r.Kind == RelationKind.CoPurchase ? weights.CoPurchase : weights.CoView;
                var contribution = norm * weight * share * r.Score;
                if (!(contribution > 0)) continue;
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, r.ProductId, out var seen);
                if (!seen)
                {
                    index = _count;
                    _entries[_count++] = new Entry { Id = r.ProductId };
                }
                ref var e = ref _entries[index];
                if (r.Kind == RelationKind.CoPurchase)
                {
                    e.CoPurchase += contribution;
                }
                else
                {
                    e.CoView += contribution;
                }
            }
        }

        for (var i = 0; i < neighbourCount; i++)
        {
            var contribution = norm * weights.SessionNeighbours * _neighbours.ShareAt(i);
            if (!(contribution > 0)) continue;
            var id = _neighbours.CandidateAt(i);
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var seen);
            if (!seen)
            {
                index = _count;
                _entries[_count++] = new Entry { Id = id };
            }
            _entries[index].Neighbours += contribution;
        }

        if (viewedBefore)
        {
            var decay = weights.RecentlyViewedDecay;
            double total = 0, w0 = 1;
            for (var j = 1; j < recentItems.Count; j++, w0 *= decay) total += w0;
            var w = norm * weights.RecentlyViewed / total;
            for (var j = 1; j < recentItems.Count; j++, w *= decay)
            {
                var id = recentItems[j];
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var seen);
                if (!seen)
                {
                    index = _count;
                    _entries[_count++] = new Entry { Id = id };
                }
                _entries[index].RecentlyViewed += w;
            }
        }

        for (var i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            var total = e.Model + e.CoView + e.CoPurchase;
            if (neighbourCount > 0) total += e.Neighbours;
            if (viewedBefore) total += e.RecentlyViewed;
            _totals[i] = total;
            _heap[i] = new Node(OrderKey(total), i);
        }
        _heapCount = _count;
        for (var i = (_heapCount / 2) - 1; i >= 0; i--) SiftDown(i, _heap[i]);
    }

    /// <summary>The best candidate not handed out yet (requires <see cref="Remaining"/> &gt; 0).</summary>
    public BlendedItem Next()
    {
        var best = _heap[0].Index;
        var last = _heap[--_heapCount];
        if (_heapCount > 0) SiftDown(0, last);
        ref var e = ref _entries[best];
        // Ties go to the model, then to co-purchase (the stronger signal of intent), then co-view; the neighbours and the
        // session's own history name only what they alone put highest.
        var reason = e.Model >= e.CoView && e.Model >= e.CoPurchase && e.Model >= e.Neighbours && e.Model >= e.RecentlyViewed ? RelationBlend.ModelReason
            : e.RecentlyViewed > e.CoView && e.RecentlyViewed > e.CoPurchase && e.RecentlyViewed > e.Neighbours ? RelationBlend.RecentlyViewedReason
            : e.Neighbours > e.CoView && e.Neighbours > e.CoPurchase ? RelationBlend.SessionNeighboursReason
            : e.CoPurchase >= e.CoView ? RelationBlend.CoPurchaseReason
            : RelationBlend.CoViewReason;
        return new BlendedItem(e.Id, (float)_totals[best], reason);
    }

    /// <summary>The first <see cref="RelationBlendWeights.MaxRecentItems"/> distinct recent items and their normalized weights.</summary>
    private void Sources(IReadOnlyList<string> recentItems, RelationBlendWeights weights)
    {
        _sourceCount = 0;
        if (weights.CoView == 0 && weights.CoPurchase == 0) return;
        var w = 1.0;
        double total = 0;
        for (var i = 0; i < recentItems.Count; i++)
        {
            if (_sourceCount == weights.MaxRecentItems) break;
            var item = recentItems[i];
            if (Array.IndexOf(_sources, item, 0, _sourceCount) >= 0) continue;
            if (_sourceCount == _sources.Length)
            {
                Array.Resize(ref _sources, _sourceCount * 2);
                Array.Resize(ref _shares, _sourceCount * 2);
                Array.Resize(ref _relations, _sourceCount * 2);
            }
            _sources[_sourceCount] = item;
            _shares[_sourceCount++] = w;
            total += w;
            w *= weights.RecencyDecay;
        }
        for (var i = 0; i < _sourceCount; i++) _shares[i] /= total;
    }

    private void Prepare(int capacity)
    {
        if (_entries.Length < capacity)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
            _entries = new Entry[size];
            _totals = new double[size];
            _heap = new Node[size];
        }
        _index.EnsureCapacity(capacity);
        _count = 0;
    }

    private void SiftDown(int hole, Node item)
    {
        var n = _heapCount;
        while (true)
        {
            var child = (2 * hole) + 1;
            if (child >= n) break;
            if (child + 1 < n && Precedes(_heap[child + 1], _heap[child])) child++;
            if (!Precedes(_heap[child], item)) break;
            _heap[hole] = _heap[child];
            hole = child;
        }
        _heap[hole] = item;
    }

    // The order of the blend's ranking: higher total first, then insertion order.
    private static bool Precedes(in Node a, in Node b) => a.Key > b.Key || (a.Key == b.Key && a.Index < b.Index);

    /// <summary>
    /// An unsigned key ordered as double.CompareTo orders totals (the order the blend has always ranked by): NaN below
    /// everything, −0 equal to +0, otherwise by value. Positive doubles order as their bits; negative ones in reverse.
    /// </summary>
    internal static ulong OrderKey(double total)
    {
        if (double.IsNaN(total)) return 0;
        if (total == 0) total = 0; // −0 → +0
        var bits = (ulong)BitConverter.DoubleToInt64Bits(total);
        return (bits & 0x8000_0000_0000_0000) == 0 ? bits | 0x8000_0000_0000_0000 : ~bits;
    }

    /// <summary>A heap slot: the entry's rank key beside its index, so comparisons read the heap array alone.</summary>
    private readonly record struct Node(ulong Key, int Index);

    private struct Entry
    {
        public string Id;
        public double Model;
        public double CoView;
        public double CoPurchase;
        public double Neighbours;
        public double RecentlyViewed;
    }
}
