namespace Journeys.Engine;

/// <summary>
/// Space-Saving (Metwally, Agrawal and El Abbadi, 2005) over recommended products, with each product's count by reason:
/// at most <c>capacity</c> products are kept; a product not kept takes the place of the least counted one and inherits
/// its count as its possible overcount. Every product recommended more than total / capacity times is kept, and a kept
/// product's count exceeds its true count by at most its <see cref="RecommendedProduct.MaxOvercount"/>.
/// <para>
/// Recent rather than since start: all counts halve every <c>halveEvery</c> recommendations (halving keeps their order,
/// so the heap stays valid). Counting by recommendations, not by time, keeps it free of clocks and an idle engine keeps
/// its last picture. Not thread-safe (<see cref="TopRecommendations"/> keeps one per stripe under a lock); nothing
/// allocates once it holds <c>capacity</c> products.
/// </para>
/// </summary>
internal sealed class RecommendationSummary
{
    /// <summary>Reasons told apart per product; a product's further reasons are counted under the last.</summary>
    internal const int MaxReasons = 8;

    private readonly int _capacity;
    private readonly long _halveEvery;
    private readonly Dictionary<string, int> _slots;
    private readonly string?[] _products;
    private readonly long[] _counts;
    private readonly long[] _overcounts;
    private readonly long[] _reasonCounts;
    // A min-heap of slots by count (its root is the product to replace) and each slot's place in it.
    private readonly int[] _heap;
    private readonly int[] _place;
    // The reasons seen, by reference first: they are the recommender's constants.
    private readonly string?[] _reasons = new string?[MaxReasons];
    private int _used;
    private long _sinceHalving;

    public RecommendationSummary(int capacity, long halveEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(halveEvery, 1);
        _capacity = capacity;
        _halveEvery = halveEvery;
        _slots = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _products = new string?[capacity];
        _counts = new long[capacity];
        _overcounts = new long[capacity];
        _reasonCounts = new long[capacity * MaxReasons];
        _heap = new int[capacity];
        _place = new int[capacity];
    }

    /// <summary>Recommendations counted since the last halving.</summary>
    public long SinceHalving => _sinceHalving;

    public void Add(string productId, string reason)
    {
        var r = ReasonIndex(reason);
        if (_slots.TryGetValue(productId, out var slot))
        {
            _counts[slot]++;
        }
        else if (_used < _capacity)
        {
            slot = _used;
            _products[slot] = productId;
            _counts[slot] = 1;
            _heap[_used] = slot;
            _place[slot] = _used;
            _used++;
            _slots.Add(productId, slot);
            SiftUp(_place[slot]);
        }
        else
        {
            slot = _heap[0];
            _slots.Remove(_products[slot]!);
            _products[slot] = productId;
            _overcounts[slot] = _counts[slot];
            _counts[slot]++;
            Array.Clear(_reasonCounts, slot * MaxReasons, MaxReasons);
            _slots.Add(productId, slot);
        }
        _reasonCounts[(slot * MaxReasons) + r]++;
        SiftDown(_place[slot]);
        if (++_sinceHalving >= _halveEvery) Halve();
    }

    /// <summary>Adds every kept product (count above zero) to <paramref name="into"/>, summing with what is there.</summary>
    public void MergeInto(Dictionary<string, RecommendedProduct.Builder> into)
    {
        for (var slot = 0; slot < _used; slot++)
        {
            if (_counts[slot] == 0) continue;
            var product = _products[slot]!;
            if (!into.TryGetValue(product, out var builder)) into[product] = builder = new RecommendedProduct.Builder(product);
            builder.Count += _counts[slot];
            builder.MaxOvercount += _overcounts[slot];
            for (var r = 0; r < MaxReasons; r++)
            {
                var n = _reasonCounts[(slot * MaxReasons) + r];
                if (n > 0) builder.AddReason(_reasons[r]!, n);
            }
        }
    }

    private int ReasonIndex(string reason)
    {
        for (var r = 0; r < MaxReasons; r++)
        {
            var known = _reasons[r];
            if (known is null)
            {
                _reasons[r] = reason;
                return r;
            }
            if (ReferenceEquals(known, reason) || string.Equals(known, reason, StringComparison.Ordinal)) return r;
        }
        return MaxReasons - 1;
    }

    private void Halve()
    {
        _sinceHalving = 0;
        for (var slot = 0; slot < _used; slot++)
        {
            _counts[slot] >>= 1;
            _overcounts[slot] >>= 1;
        }
        for (var i = 0; i < _reasonCounts.Length; i++) _reasonCounts[i] >>= 1;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_counts[_heap[parent]] <= _counts[_heap[i]]) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _used) return;
            var smallest = left + 1 < _used && _counts[_heap[left + 1]] < _counts[_heap[left]] ? left + 1 : left;
            if (_counts[_heap[i]] <= _counts[_heap[smallest]]) return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _place[_heap[a]] = a;
        _place[_heap[b]] = b;
    }
}
