namespace Journeys.Scoring.Catalog;

/// <summary>
/// Recent sessions as sets of products, for session-neighbourhood recommendations (V-SKNN): at start seeded with the
/// training sessions a model file carries (<see cref="Seed"/>), then fed every product-bearing click of the live stream
/// (<see cref="Add"/>). Bounded: at most <see cref="SessionNeighbourOptions.MaxSessions"/> sessions (the one whose
/// latest click is oldest goes first), each at most <see cref="SessionNeighbourOptions.MaxItemsPerSession"/> distinct
/// products (the first clicked goes first); products are numbered while some session holds them, so the product table
/// is bounded too. A session's recency is its latest click, as session-rec's <c>sampling='recent'</c> takes it.
/// Single writer (the catalog stage); readers score against the immutable <see cref="SessionNeighbourSnapshot"/> it
/// publishes (<see cref="Snapshot"/>), built only when something changed.
/// </summary>
public sealed class SessionNeighbourIndex
{
    // Seeded sessions' ids start with a NUL character, which real session ids do not carry (the click contract does not
    // forbid it, though). A live id that did would only merge that session with one seeded session: harmless.
    private const string SeedPrefix = "\u0000seed:";

    private readonly SessionNeighbourOptions _options;
    private readonly LruTable<Session> _sessions;
    private readonly Dictionary<string, int> _itemNumbers = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeNumbers = new();
    private string?[] _items = new string?[256];
    private int[] _holders = new int[256];
    private int _itemTop;
    private Session[] _order = [];
    private int[] _renumber = [];
    private long _seeded;
    private long _version;
    private bool _changed;
    private SessionNeighbourSnapshot _published = SessionNeighbourSnapshot.Empty;

    /// <exception cref="ArgumentException">The options are invalid (the message names each setting to fix).</exception>
    public SessionNeighbourIndex(SessionNeighbourOptions options)
    {
        SessionNeighbourOptionsValidator.Check(options);
        this._options = options;
        _sessions = new LruTable<Session>(Math.Max(1, options.MaxSessions));
    }

    /// <summary>
    /// The view of an index seeded with <paramref name="sessions"/> (product ids, oldest first) and nothing else: what the
    /// engine serves at start from a model file's sessions, and what an offline evaluation scores against.
    /// </summary>
    /// <param name="sessions">Sessions in time order; repeats within a session are fine (a session is a set of products).</param>
    /// <param name="options">Bounds and V-SKNN parameters; null takes the defaults (which keep only the latest 100,000
    /// sessions; <see cref="SessionNeighbourOptions.Unbounded"/> keeps all of a larger set).</param>
    public static SessionNeighbourSnapshot Build(IEnumerable<IReadOnlyList<string>> sessions, SessionNeighbourOptions? options = null)
    {
        var index = new SessionNeighbourIndex(options ?? new SessionNeighbourOptions());
        index.Seed(sessions);
        return index.Snapshot();
    }

    /// <summary>Sessions indexed now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Distinct products the indexed sessions hold.</summary>
    public int ItemCount => _itemNumbers.Count;

    /// <summary>Whether the index keeps anything (<see cref="SessionNeighbourOptions.MaxSessions"/> &gt; 0).</summary>
    public bool Enabled => _options.MaxSessions > 0;

    /// <summary>A click of <paramref name="sessionId"/> on <paramref name="productId"/>: the session becomes the most recent and holds the product.</summary>
    public void Add(string sessionId, string productId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(productId);
        if (!Enabled) return;
        if (!_sessions.TryGet(sessionId, out var session))
        {
            session = new Session(sessionId);
            if (_sessions.Add(sessionId, session) is { } evicted) Release(evicted.Value);
        }
        _changed = true;
        if (_itemNumbers.TryGetValue(productId, out var item) && session.IndexOf(item) >= 0) return;
        if (session.Count == _options.MaxItemsPerSession) Unhold(session.RemoveFirst());
        session.Append(Hold(productId));
    }

    /// <summary>
    /// Indexes whole sessions of product ids, oldest first (each as if its clicks came one after another, after what
    /// the index already holds), under ids of their own that no live session can have.
    /// </summary>
    public void Seed(IEnumerable<IReadOnlyList<string>> sessionItems)
    {
        ArgumentNullException.ThrowIfNull(sessionItems);
        if (!Enabled) return;
        foreach (var productIds in sessionItems)
        {
            if (productIds.Count == 0) continue;
            var id = SeedPrefix + _seeded++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < productIds.Count; i++) Add(id, productIds[i]);
        }
    }

    /// <summary>
    /// The index as it stands, for readers on any thread: sessions numbered oldest first, per product the
    /// <see cref="SessionNeighbourOptions.MaxSessionsPerItem"/> most recent sessions holding it. The previous snapshot
    /// again when nothing changed. Linear in the indexed products (a few milliseconds per 100,000 sessions).
    /// </summary>
    public SessionNeighbourSnapshot Snapshot()
    {
        if (!_changed) return _published;
        _changed = false;
        var n = _sessions.Count;
        if (_order.Length < n) _order = new Session[n];
        var i = n;
        var total = 0;
        foreach (var s in _sessions.Values)
        {
            _order[--i] = s;
            total += s.Count;
        }
        // Products numbered afresh, in the order the oldest session first holds them: the snapshot's arrays are dense.
        if (_renumber.Length < _itemTop) _renumber = new int[_items.Length];
        Array.Fill(_renumber, -1, 0, _itemTop);
        var names = new string[_itemNumbers.Count];
        var numbers = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        var sessionIds = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var sessionStarts = new int[n + 1];
        var sessionItems = new int[total];
        var named = 0;
        var at = 0;
        for (var s = 0; s < n; s++)
        {
            var session = _order[s];
            sessionIds.Add(session.Id, s);
            sessionStarts[s] = at;
            for (var j = 0; j < session.Count; j++)
            {
                var writer = session.Items[j];
                if (_renumber[writer] < 0)
                {
                    _renumber[writer] = named;
                    names[named] = _items[writer]!;
                    numbers.Add(names[named], named);
                    named++;
                }
                sessionItems[at++] = _renumber[writer];
            }
        }
        sessionStarts[n] = at;

        // Postings, most recent session first, at most MaxSessionsPerItem per product: count, then fill.
        var cap = _options.MaxSessionsPerItem;
        var postingStarts = new int[named + 1];
        for (var s = n - 1; s >= 0; s--)
        {
            for (var j = sessionStarts[s]; j < sessionStarts[s + 1]; j++)
            {
                if (postingStarts[sessionItems[j] + 1] < cap) postingStarts[sessionItems[j] + 1]++;
            }
        }
        for (var p = 0; p < named; p++) postingStarts[p + 1] += postingStarts[p];
        var postings = new int[postingStarts[named]];
        var fill = new int[named];
        for (var s = n - 1; s >= 0; s--)
        {
            for (var j = sessionStarts[s]; j < sessionStarts[s + 1]; j++)
            {
                var p = sessionItems[j];
                var slot = postingStarts[p] + fill[p];
                if (slot < postingStarts[p + 1])
                {
                    postings[slot] = s;
                    fill[p]++;
                }
            }
        }
        Array.Clear(_order, 0, n);
        _published = new SessionNeighbourSnapshot(++_version, _options, names, numbers, sessionStarts, sessionItems, postingStarts, postings, sessionIds);
        return _published;
    }

    /// <summary>
    /// Writes the index as it is: sessions least recent first, each with its products in the order first clicked, and
    /// the counters that name seeded sessions and number snapshots. <see cref="Restore"/> rebuilds an equal index.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_seeded);
        writer.Write(_version);
        writer.Write(_changed);
        writer.Write7BitEncodedInt(_sessions.Count);
        foreach (var (id, session) in _sessions.OldestFirst)
        {
            writer.Write(id);
            writer.Write7BitEncodedInt(session.Count);
            for (var j = 0; j < session.Count; j++) writer.Write(_items[session.Items[j]]!);
        }
    }

    /// <summary>The index <see cref="WriteState"/> wrote, under the running <paramref name="options"/>.</summary>
    /// <exception cref="InvalidDataException">The state is damaged or holds more than the options allow.</exception>
    public static SessionNeighbourIndex Restore(SessionNeighbourOptions options, BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = new SessionNeighbourIndex(options);
        index._seeded = reader.ReadInt64();
        var version = reader.ReadInt64();
        var changed = reader.ReadBoolean();
        var count = Views.StateIo.ReadCount(reader, Math.Max(1, options.MaxSessions), "neighbour sessions");
        for (var s = 0; s < count; s++)
        {
            var id = reader.ReadString();
            var products = Views.StateIo.ReadCount(reader, options.MaxItemsPerSession, "products of a neighbour session");
            for (var j = 0; j < products; j++) index.Add(id, reader.ReadString());
        }
        // The first snapshot after a restore is built afresh; it carries the version the saved index would have given.
        index._version = changed ? version : version - 1;
        index._changed = true;
        return index;
    }

    private int Hold(string productId)
    {
        if (!_itemNumbers.TryGetValue(productId, out var item))
        {
            item = _freeNumbers.Count > 0 ? _freeNumbers.Pop() : _itemTop++;
            if (item == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
                Array.Resize(ref _holders, _holders.Length * 2);
            }
            _items[item] = productId;
            _itemNumbers.Add(productId, item);
        }
        _holders[item]++;
        return item;
    }

    private void Unhold(int item)
    {
        if (--_holders[item] > 0) return;
        _itemNumbers.Remove(_items[item]!);
        _items[item] = null;
        _freeNumbers.Push(item);
    }

    private void Release(Session session)
    {
        for (var j = 0; j < session.Count; j++) Unhold(session.Items[j]);
    }

    /// <summary>One indexed session: its products' numbers in the order first clicked (a small array grown by doubling).</summary>
    private sealed class Session(string id)
    {
        public string Id { get; } = id;
        public int[] Items { get; private set; } = new int[4];
        public int Count { get; private set; }

        public int IndexOf(int item) => Array.IndexOf(Items, item, 0, Count);

        public void Append(int item)
        {
            if (Count == Items.Length)
            {
                var grown = new int[Count * 2];
                Array.Copy(Items, grown, Count);
                Items = grown;
            }
            Items[Count++] = item;
        }

        public int RemoveFirst()
        {
            var first = Items[0];
            Array.Copy(Items, 1, Items, 0, --Count);
            return first;
        }
    }
}
