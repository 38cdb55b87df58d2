namespace Journeys.SessionActors.Sessions;

/// <summary>
/// A fixed-capacity set that remembers the most recent distinct keys and forgets the oldest: per-session memory stays
/// bounded however long a session runs.
/// </summary>
public sealed class RecentWindow
{
    private readonly HashSet<string> _members;
    private readonly Queue<string> _order;

    public RecentWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _members = new HashSet<string>(StringComparer.Ordinal);
        _order = new Queue<string>();
    }

    public int Capacity { get; }

    public int Count => _members.Count;

    public bool Contains(string key) => _members.Contains(key);

    /// <summary>The remembered keys, oldest first (adding them in this order rebuilds the window).</summary>
    public IEnumerable<string> Keys => _order;

    /// <summary>Adds a key; returns false when it was already present.</summary>
    public bool Add(string key)
    {
        if (!_members.Add(key))
        {
            return false;
        }
        _order.Enqueue(key);
        if (_order.Count > Capacity)
        {
            _members.Remove(_order.Dequeue());
        }
        return true;
    }
}
