using System.Numerics;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// A set of item numbers giving each its dense place (0, 1, … in the order added): open addressing with linear probing
/// over arrays reused call after call. A generation stamp marks the live slots, so a reset clears nothing; the table is
/// sized before use (<see cref="Reset"/>) and never grows while filled, so a lookup is a multiply and a probe or two.
/// </summary>
internal sealed class ItemSlots
{
    private int[] _keys = new int[64];
    private int[] _places = new int[64];
    private int[] _stamps = new int[64];
    private int _generation;
    private int _shift = 32 - 6;

    public int Count { get; private set; }

    /// <summary>Empties the set for at most <paramref name="capacity"/> items (the table stays at most half full).</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, capacity * 2));
        if (size > _keys.Length)
        {
            _keys = new int[size];
            _places = new int[size];
            _stamps = new int[size];
            _shift = 32 - BitOperations.Log2((uint)size);
            _generation = 0;
        }
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    /// <summary>The item's place, or −1 when absent.</summary>
    public int PlaceOf(int item)
    {
        var mask = _keys.Length - 1;
        for (var s = Slot(item); ; s = (s + 1) & mask)
        {
            if (_stamps[s] != _generation) return -1;
            if (_keys[s] == item) return _places[s];
        }
    }

    /// <summary>The item's place, adding it (at place <see cref="Count"/>) when absent.</summary>
    public int Add(int item, out bool added)
    {
        var mask = _keys.Length - 1;
        for (var s = Slot(item); ; s = (s + 1) & mask)
        {
            if (_stamps[s] != _generation)
            {
                _stamps[s] = _generation;
                _keys[s] = item;
                _places[s] = Count;
                added = true;
                return Count++;
            }
            if (_keys[s] == item)
            {
                added = false;
                return _places[s];
            }
        }
    }

    // Fibonacci hashing: the top bits of item × 2^32/φ spread consecutive numbers over the table.
    private int Slot(int item) => (int)(((uint)item * 2654435769u) >> _shift);
}
