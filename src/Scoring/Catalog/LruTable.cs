namespace Journeys.Scoring.Catalog;

/// <summary>A string-keyed table of at most a fixed number of entries; adding to a full one evicts the least recently used.</summary>
internal sealed class LruTable<T>(int capacity) where T : class
{
    private readonly Dictionary<string, LinkedListNode<(string Key, T Value)>> map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, T Value)> order = new();

    public int Count => map.Count;

    /// <summary>Values, most recently used first.</summary>
    public IEnumerable<T> Values
    {
        get
        {
            foreach (var (_, value) in order) yield return value;
        }
    }

    /// <summary>Entries, least recently used first: adding them in this order to an empty table rebuilds this one.</summary>
    public IEnumerable<(string Key, T Value)> OldestFirst
    {
        get
        {
            for (var node = order.Last; node is not null; node = node.Previous) yield return node.Value;
        }
    }

    /// <summary>Finds <paramref name="key"/> and marks it most recently used.</summary>
    public bool TryGet(string key, out T value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
            order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>Finds <paramref name="key"/> without changing its place.</summary>
    public T? Peek(string key) => map.TryGetValue(key, out var node) ? node.Value.Value : null;

    /// <summary>Adds a key that is not present, as most recently used; returns the entry evicted to make room, if any.</summary>
    public (string Key, T Value)? Add(string key, T value)
    {
        (string Key, T Value)? evicted = null;
        if (map.Count >= capacity && order.Last is { } last)
        {
            order.RemoveLast();
            map.Remove(last.Value.Key);
            evicted = last.Value;
        }
        map.Add(key, order.AddFirst((key, value)));
        return evicted;
    }
}
