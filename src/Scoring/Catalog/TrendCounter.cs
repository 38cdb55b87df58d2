namespace Journeys.Scoring.Catalog;

/// <summary>
/// One product's event counts per trend bucket over the long window: a ring of (long window + 1) buckets, the newest
/// one possibly still filling. Events older than the ring are dropped (they can no longer change any window).
/// </summary>
internal sealed class TrendCounter
{
    private readonly int[] ring;
    private long newest = long.MinValue;

    public TrendCounter(int longBuckets) => ring = new int[longBuckets + 1];

    public void Add(long bucket)
    {
        if (newest == long.MinValue || bucket > newest)
        {
            if (newest == long.MinValue || bucket - newest >= ring.Length)
            {
                Array.Clear(ring);
            }
            else
            {
                for (var b = newest + 1; b <= bucket; b++) ring[Slot(b)] = 0;
            }
            newest = bucket;
        }
        else if (bucket <= newest - ring.Length)
        {
            return;
        }
        ring[Slot(bucket)]++;
    }

    /// <summary>Events in the <paramref name="shortBuckets"/> and <paramref name="longBuckets"/> buckets ending with <paramref name="lastBucket"/>.</summary>
    public (int Short, int Long) Counts(long lastBucket, int shortBuckets, int longBuckets)
    {
        if (newest == long.MinValue) return (0, 0);
        int s = 0, l = 0;
        for (var i = 0; i < longBuckets; i++)
        {
            var b = lastBucket - i;
            if (b > newest || b <= newest - ring.Length) continue;
            var n = ring[Slot(b)];
            l += n;
            if (i < shortBuckets) s += n;
        }
        return (s, l);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(newest);
        foreach (var n in ring) writer.Write7BitEncodedInt(n);
    }

    /// <summary>Restores what <see cref="Write"/> wrote into a counter of the same window.</summary>
    public void ReadFrom(BinaryReader reader)
    {
        newest = reader.ReadInt64();
        for (var i = 0; i < ring.Length; i++) ring[i] = reader.Read7BitEncodedInt();
    }

    private int Slot(long bucket) => (int)(((bucket % ring.Length) + ring.Length) % ring.Length);
}
