namespace Journeys.Scoring.Retrieval;

/// <summary>
/// The best <c>capacity</c> (score, id) pairs seen, as a min-heap on "worse": a lower score, or an equal score and a
/// higher id. Ties therefore go to the lower id whatever order the pairs arrive in, so the selection is a function of
/// the scores alone — the property the engine's bit-identical repeats need.
/// </summary>
internal sealed class TopHeap
{
    private readonly float[] scores;
    private readonly int[] ids;

    public TopHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        scores = new float[capacity];
        ids = new int[capacity];
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Offer(float score, int id)
    {
        if (float.IsNaN(score)) return;
        if (Count < scores.Length)
        {
            var i = Count++;
            scores[i] = score;
            ids[i] = id;
            SiftUp(i);
        }
        else if (Worse(scores[0], ids[0], score, id))
        {
            scores[0] = score;
            ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>Empties the heap into the spans, best first; returns how many were written.</summary>
    public int Drain(Span<float> bestScores, Span<int> bestIds)
    {
        var n = Count;
        for (var slot = n - 1; slot >= 0; slot--)
        {
            bestScores[slot] = scores[0];
            bestIds[slot] = ids[0];
            Count--;
            if (Count > 0)
            {
                scores[0] = scores[Count];
                ids[0] = ids[Count];
                SiftDown(0);
            }
        }
        return n;
    }

    private static bool Worse(float scoreA, int idA, float scoreB, int idB) => scoreA < scoreB || (scoreA == scoreB && idA > idB);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(scores[i], ids[i], scores[parent], ids[parent])) break;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= Count) return;
            var worst = left;
            var right = left + 1;
            if (right < Count && Worse(scores[right], ids[right], scores[left], ids[left])) worst = right;
            if (!Worse(scores[worst], ids[worst], scores[i], ids[i])) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (scores[a], scores[b]) = (scores[b], scores[a]);
        (ids[a], ids[b]) = (ids[b], ids[a]);
    }
}
