namespace Journeys.Scoring.Catalog;

/// <summary>A string-keyed table of at most a fixed number of entries; adding to a full one evicts the least recently used.</summary>
internal sealed class LruTable<T>(int capacity) where T : class
{
    private readonly Dictionary<string, LinkedListNode<(string Key, T Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, T Value)> _order = new();

    public int Count => _map.Count;

    /// <summary>Values, most recently used first.</summary>
    public IEnumerable<T> Values
    {
        get
        {
            foreach (var (_, value) in _order) yield return value;
        }
    }

    /// <summary>Entries, least recently used first: adding them in this order to an empty table rebuilds this one.</summary>
    public IEnumerable<(string Key, T Value)> OldestFirst
    {
        get
        {
            for (var node = _order.Last; node is not null; node = node.Previous) yield return node.Value;
        }
    }

    /// <summary>Finds <paramref name="key"/> and marks it most recently used.</summary>
    public bool TryGet(string key, out T value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>Finds <paramref name="key"/> without changing its place.</summary>
    public T? Peek(string key) => _map.TryGetValue(key, out var node) ? node.Value.Value : null;

    /// <summary>Adds a key that is not present, as most recently used; returns the entry evicted to make room, if any.</summary>
    public (string Key, T Value)? Add(string key, T value)
    {
        (string Key, T Value)? evicted = null;
        if (_map.Count >= capacity && _order.Last is { } last)
        {
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
            evicted = last.Value;
        }
        _map.Add(key, _order.AddFirst((key, value)));
        return evicted;
    }
}
