namespace Journeys.Scoring.Catalog;

/// <summary>
/// One product's neighbours of one relation kind: at most a fixed number, with forward-decayed weights (see
/// <see cref="ForwardDecay"/>). Full tables use Space-Saving (Metwally et al. 2005): a new neighbour replaces the
/// weakest and inherits its weight, so any neighbour whose true weight exceeds total / capacity is kept, and a kept
/// weight overestimates the true one by at most the weight it inherited. Lookups are linear: tables are small.
/// </summary>
internal sealed class NeighbourTable
{
    private string[] ids = [];
    private float[] weights = [];
    private int count;

    public int Count => count;

    public void Add(string id, float weight, int capacity)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                weights[i] += weight;
                return;
            }
        }
        if (count < capacity)
        {
            if (count == ids.Length)
            {
                var size = Math.Min(capacity, Math.Max(4, count * 2));
                Array.Resize(ref ids, size);
                Array.Resize(ref weights, size);
            }
            ids[count] = id;
            weights[count] = weight;
            count++;
            return;
        }
        var weakest = 0;
        for (var i = 1; i < count; i++)
        {
            if (weights[i] < weights[weakest]) weakest = i;
        }
        ids[weakest] = id;
        weights[weakest] += weight;
    }

    /// <summary>The kept weight of <paramref name="id"/>, 0 when it is not kept.</summary>
    public float WeightOf(string id)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal)) return weights[i];
        }
        return 0;
    }

    public double Total()
    {
        double total = 0;
        for (var i = 0; i < count; i++) total += weights[i];
        return total;
    }

    /// <summary>The <paramref name="n"/> heaviest neighbours, heaviest first (ties by id, ordinal).</summary>
    public (string Id, float Weight)[] Top(int n)
    {
        var all = new (string Id, float Weight)[count];
        for (var i = 0; i < count; i++) all[i] = (ids[i], weights[i]);
        Array.Sort(all, static (a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : string.CompareOrdinal(a.Id, b.Id));
        return all.Length <= n ? all : all[..n];
    }

    /// <summary>Writes the table as it is, entries in slot order (Space-Saving picks the first weakest slot).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(count);
        for (var i = 0; i < count; i++)
        {
            writer.Write(ids[i]);
            writer.Write(weights[i]);
        }
    }

    /// <summary>Fills an empty table with what <see cref="Write"/> wrote.</summary>
    public void ReadFrom(BinaryReader reader, int capacity)
    {
        count = Views.StateIo.ReadCount(reader, capacity, "neighbours of a product");
        ids = new string[count];
        weights = new float[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = reader.ReadString();
            weights[i] = reader.ReadSingle();
        }
    }

    /// <summary>Multiplies every weight (the decay's landmark moved).</summary>
    public void Scale(float factor)
    {
        for (var i = 0; i < count; i++) weights[i] *= factor;
    }
}
