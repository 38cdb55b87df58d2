namespace Journeys.Scoring.Catalog;

/// <summary>
/// One product's neighbours of one relation kind: at most a fixed number, with forward-decayed weights (see
/// <see cref="ForwardDecay"/>). Full tables use Space-Saving (Metwally et al. 2005): a new neighbour replaces the
/// weakest and inherits its weight, so any neighbour whose true weight exceeds total / capacity is kept, and a kept
/// weight overestimates the true one by at most the weight it inherited. Lookups are linear: tables are small.
/// </summary>
internal sealed class NeighbourTable
{
    private string[] _ids = [];
    private float[] _weights = [];
    private int _count;

    public int Count => _count;

    public void Add(string id, float weight, int capacity)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ids[i], id, StringComparison.Ordinal))
            {
                _weights[i] += weight;
                return;
            }
        }
        if (_count < capacity)
        {
            if (_count == _ids.Length)
            {
                var size = Math.Min(capacity, Math.Max(4, _count * 2));
                Array.Resize(ref _ids, size);
                Array.Resize(ref _weights, size);
            }
            _ids[_count] = id;
            _weights[_count] = weight;
            _count++;
            return;
        }
        var weakest = 0;
        for (var i = 1; i < _count; i++)
        {
            if (_weights[i] < _weights[weakest]) weakest = i;
        }
        _ids[weakest] = id;
        _weights[weakest] += weight;
    }

    /// <summary>The kept weight of <paramref name="id"/>, 0 when it is not kept.</summary>
    public float WeightOf(string id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ids[i], id, StringComparison.Ordinal)) return _weights[i];
        }
        return 0;
    }

    public double Total()
    {
        double total = 0;
        for (var i = 0; i < _count; i++) total += _weights[i];
        return total;
    }

    /// <summary>The <paramref name="n"/> heaviest neighbours, heaviest first (ties by id, ordinal).</summary>
    public (string Id, float Weight)[] Top(int n)
    {
        var all = new (string Id, float Weight)[_count];
        for (var i = 0; i < _count; i++) all[i] = (_ids[i], _weights[i]);
        Array.Sort(all, static (a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Id, b.Id));
        return all.Length <= n ? all : all[..n];
    }

    /// <summary>Writes the table as it is, entries in slot order (Space-Saving picks the first weakest slot).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(_count);
        for (var i = 0; i < _count; i++)
        {
            writer.Write(_ids[i]);
            writer.Write(_weights[i]);
        }
    }

    /// <summary>Fills an empty table with what <see cref="Write"/> wrote.</summary>
    public void ReadFrom(BinaryReader reader, int capacity)
    {
        _count = Views.StateIo.ReadCount(reader, capacity, "neighbours of a product");
        _ids = new string[_count];
        _weights = new float[_count];
        for (var i = 0; i < _count; i++)
        {
            _ids[i] = reader.ReadString();
            _weights[i] = reader.ReadSingle();
        }
    }

    /// <summary>Multiplies every weight (the decay's landmark moved).</summary>
    public void Scale(float factor)
    {
        for (var i = 0; i < _count; i++) _weights[i] *= factor;
    }
}
