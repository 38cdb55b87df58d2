namespace Journeys.Scoring.Retrieval;

/// <summary>
/// The best k of n (score, id) pairs, best first, in O(n): each pair is packed into one 64-bit key that orders by
/// score descending, then id ascending — the order <see cref="TopHeap"/> keeps — so a selection (quickselect) and a
/// sort of the k winners give exactly the heap's result, ties included, at a fraction of its cost when k is large
/// (the engine asks for 100 of several hundred candidates, and most candidates would enter a 100-item heap).
/// </summary>
internal static class TopSelect
{
    /// <summary>The key of a pair: smaller keys are better. NaN scores must be left out by the caller.</summary>
    public static ulong Key(float score, int id)
    {
        var bits = BitConverter.SingleToUInt32Bits(score);
        // Floats as unsigned integers in increasing order of value, then inverted so that higher scores come first.
        var ordered = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ordered << 32) | (uint)id;
    }

    public static float Score(ulong key)
    {
        var ordered = ~(uint)(key >> 32);
        var bits = (ordered & 0x8000_0000u) != 0 ? ordered & 0x7FFF_FFFFu : ~ordered;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    public static int Id(ulong key) => (int)(uint)key;

    /// <summary>Reorders <paramref name="keys"/> so that its first min(k, n) are the best, sorted best first; returns how many.</summary>
    public static int Best(Span<ulong> keys, int k)
    {
        if (k < keys.Length)
        {
            Partition(keys, k);
            keys = keys[..k];
        }
        keys.Sort();
        return keys.Length;
    }

    /// <summary>Quickselect: afterwards the k smallest keys are in keys[..k] (in no order).</summary>
    private static void Partition(Span<ulong> keys, int k)
    {
        var lo = 0;
        var hi = keys.Length - 1;
        while (lo < hi)
        {
            // Median of three as the pivot: sorted or reversed input stays linear.
            var mid = lo + ((hi - lo) >> 1);
            if (keys[mid] < keys[lo]) (keys[mid], keys[lo]) = (keys[lo], keys[mid]);
            if (keys[hi] < keys[lo]) (keys[hi], keys[lo]) = (keys[lo], keys[hi]);
            if (keys[hi] < keys[mid]) (keys[hi], keys[mid]) = (keys[mid], keys[hi]);
            var pivot = keys[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    i++;
                    j--;
                }
            }
            // Keys are distinct (ids are), so [lo..j] < pivot region ≤ [i..hi]; recurse into the side holding index k−1.
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }
}
