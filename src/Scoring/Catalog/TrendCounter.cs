namespace Journeys.Scoring.Catalog;

/// <summary>
/// One product's event counts per trend bucket over the long window: a ring of (long window + 1) buckets, the newest
/// one possibly still filling. Events older than the ring are dropped (they can no longer change any window).
/// </summary>
internal sealed class TrendCounter
{
    private readonly int[] _ring;
    private long _newest = long.MinValue;

    public TrendCounter(int longBuckets) => _ring = new int[longBuckets + 1];

    public void Add(long bucket)
    {
        if (_newest == long.MinValue || bucket > _newest)
        {
            if (_newest == long.MinValue || bucket - _newest >= _ring.Length)
            {
                Array.Clear(_ring);
            }
            else
            {
                for (var b = _newest + 1; b <= bucket; b++) _ring[Slot(b)] = 0;
            }
            _newest = bucket;
        }
        else if (bucket <= _newest - _ring.Length)
        {
            return;
        }
        _ring[Slot(bucket)]++;
    }

    /// <summary>Events in the <paramref name="shortBuckets"/> and <paramref name="longBuckets"/> buckets ending with <paramref name="lastBucket"/>.</summary>
    public (int Short, int Long) Counts(long lastBucket, int shortBuckets, int longBuckets)
    {
        if (_newest == long.MinValue) return (0, 0);
        int s = 0, l = 0;
        for (var i = 0; i < longBuckets; i++)
        {
            var b = lastBucket - i;
            if (b > _newest || b <= _newest - _ring.Length) continue;
            var n = _ring[Slot(b)];
            l += n;
            if (i < shortBuckets) s += n;
        }
        return (s, l);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_newest);
        foreach (var n in _ring) writer.Write7BitEncodedInt(n);
    }

    /// <summary>Restores what <see cref="Write"/> wrote into a counter of the same window.</summary>
    public void ReadFrom(BinaryReader reader)
    {
        _newest = reader.ReadInt64();
        for (var i = 0; i < _ring.Length; i++) _ring[i] = reader.Read7BitEncodedInt();
    }

    private int Slot(long bucket) => (int)(((bucket % _ring.Length) + _ring.Length) % _ring.Length);
}
