namespace Journeys.Scoring.Retrieval;

/// <summary>
/// The best <c>capacity</c> (score, id) pairs seen, as a min-heap on "worse": a lower score, or an equal score and a
/// higher id. Ties therefore go to the lower id whatever order the pairs arrive in, so the selection is a function of
/// the scores alone — the property the engine's bit-identical repeats need.
/// </summary>
internal sealed class TopHeap
{
    private readonly float[] _scores;
    private readonly int[] _ids;

    public TopHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _scores = new float[capacity];
        _ids = new int[capacity];
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Offer(float score, int id)
    {
        if (float.IsNaN(score)) return;
        if (Count < _scores.Length)
        {
            var i = Count++;
            _scores[i] = score;
            _ids[i] = id;
            SiftUp(i);
        }
        else if (Worse(_scores[0], _ids[0], score, id))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>Empties the heap into the spans, best first; returns how many were written.</summary>
    public int Drain(Span<float> bestScores, Span<int> bestIds)
    {
        var n = Count;
        for (var slot = n - 1; slot >= 0; slot--)
        {
            bestScores[slot] = _scores[0];
            bestIds[slot] = _ids[0];
            Count--;
            if (Count > 0)
            {
                _scores[0] = _scores[Count];
                _ids[0] = _ids[Count];
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
            if (!Worse(_scores[i], _ids[i], _scores[parent], _ids[parent])) break;
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
            if (right < Count && Worse(_scores[right], _ids[right], _scores[left], _ids[left])) worst = right;
            if (!Worse(_scores[worst], _ids[worst], _scores[i], _ids[i])) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}
