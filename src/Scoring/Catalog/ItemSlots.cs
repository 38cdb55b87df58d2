using System.Numerics;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// A set of item numbers giving each its dense place (0, 1, … in the order added): open addressing with linear probing
/// over arrays reused call after call. A generation stamp marks the live slots, so a reset clears nothing; the table is
/// sized before use (<see cref="Reset"/>) and never grows while filled, so a lookup is a multiply and a probe or two.
/// </summary>
internal sealed class ItemSlots
{
    private int[] keys = new int[64];
    private int[] places = new int[64];
    private int[] stamps = new int[64];
    private int generation;
    private int shift = 32 - 6;

    public int Count { get; private set; }

    /// <summary>Empties the set for at most <paramref name="capacity"/> items (the table stays at most half full).</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, capacity * 2));
        if (size > keys.Length)
        {
            keys = new int[size];
            places = new int[size];
            stamps = new int[size];
            shift = 32 - BitOperations.Log2((uint)size);
            generation = 0;
        }
        if (++generation == int.MaxValue)
        {
            Array.Clear(stamps);
            generation = 1;
        }
    }

    /// <summary>The item's place, or −1 when absent.</summary>
    public int PlaceOf(int item)
    {
        var mask = keys.Length - 1;
        for (var s = Slot(item); ; s = (s + 1) & mask)
        {
            if (stamps[s] != generation) return -1;
            if (keys[s] == item) return places[s];
        }
    }

    /// <summary>The item's place, adding it (at place <see cref="Count"/>) when absent.</summary>
    public int Add(int item, out bool added)
    {
        var mask = keys.Length - 1;
        for (var s = Slot(item); ; s = (s + 1) & mask)
        {
            if (stamps[s] != generation)
            {
                stamps[s] = generation;
                keys[s] = item;
                places[s] = Count;
                added = true;
                return Count++;
            }
            if (keys[s] == item)
            {
                added = false;
                return places[s];
            }
        }
    }

    // Fibonacci hashing: the top bits of item × 2^32/φ spread consecutive numbers over the table.
    private int Slot(int item) => (int)(((uint)item * 2654435769u) >> shift);
}
