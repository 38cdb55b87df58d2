using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;
using Journeys.Scoring.Batching;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Everything one live session holds. Every collection is bounded by <see cref="SessionOptions"/>, so memory per
/// session has a ceiling whatever the client sends, and grows only as the session does: a session of one event holds a
/// few small arrays, not empty tables sized for a thousand. The LSTM state (h, c) is not here but in the session's row
/// of the scorer's <see cref="StateArena"/>, which the batcher reads and writes in place. Event ids are remembered as
/// 64-bit hashes (XxHash3 of the id): a duplicate check needs no strings kept, and two ids of one session colliding is
/// a chance of about one in 10^16 even at the full window.
/// </summary>
public sealed class SessionState
{
    private readonly SessionOptions _options;
    private readonly StateArena _arena;
    // Hashes of recent event ids, a ring grown by doubling up to DedupeWindow; _seenNext is the oldest once it is full.
    private ulong[]? _seen;
    private int _seenCount;
    private int _seenNext;
    // Recent product ids, most recent first, at most RecentItems.
    private string[]? _recent;
    private int _recentCount;
    // Products bought in this session, oldest first (bounded like the cart): never recommended again in the session.
    private List<string>? _purchased;
    // The latest price shown per product, oldest shown first (bounded; the oldest shown is forgotten first).
    private List<ShownOffer>? _offers;

    /// <param name="slot">The session's row in <paramref name="arena"/>; it is cleared (a session before its first event).</param>
    public SessionState(string sessionId, StateArena arena, int slot, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(arena);
        SessionId = sessionId;
        _options = options;
        _arena = arena;
        Slot = slot;
        arena.Row(slot).Clear();
        Journey = new JourneyProgress(options.MaxCartLines);
    }

    public string SessionId { get; }

    /// <summary>The session's row of LSTM state in the arena.</summary>
    public int Slot { get; }

    /// <summary>The LSTM state after the last applied event (h then c; zeros before the first), in place.</summary>
    public ReadOnlySpan<float> StateRow => _arena.Row(Slot);

    /// <summary>A copy of the LSTM hidden state after the last applied event (zeros before the first); for diagnostics.</summary>
    public float[] H => _arena.H(Slot).ToArray();

    /// <summary>A copy of the LSTM cell state after the last applied event; for diagnostics.</summary>
    public float[] C => _arena.C(Slot).ToArray();

    /// <summary>Number of events applied; the next event's 1-based sequence is <c>Sequence + 1</c>.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset? LastTimestamp { get; private set; }

    /// <summary>Cart, counters and the journey stage (one definition shared with model training).</summary>
    public JourneyProgress Journey { get; }

    public JourneyStage Stage => Journey.Stage;

    /// <summary>The stable 64-bit hash an event id is remembered by.</summary>
    public static ulong HashEventId(string eventId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));

    public bool HasSeen(string eventId) => Array.IndexOf(_seen ?? [], HashEventId(eventId), 0, _seenCount) >= 0;

    /// <summary>How many event ids are remembered to refuse duplicates.</summary>
    public int SeenCount => _seenCount;

    /// <summary>The hash of the <paramref name="i"/>-th remembered event id, oldest first.</summary>
    public ulong SeenHashAt(int i) => _seen![(_seenNext + i) % _seenCount];

    /// <summary>Hashes of the event ids remembered to refuse duplicates, oldest first.</summary>
    public IEnumerable<ulong> SeenEventHashes()
    {
        for (var i = 0; i < _seenCount; i++)
        {
            yield return SeenHashAt(i);
        }
    }

    /// <summary>Recent product ids, most recent first (a view: valid until the next event).</summary>
    public IReadOnlyList<string> RecentItems() => new ArraySegment<string>(_recent ?? [], 0, _recentCount);

    /// <summary>Products purchased in this session, oldest first.</summary>
    public IReadOnlyList<string> PurchasedItems => (IReadOnlyList<string>?)_purchased ?? [];

    /// <summary>Prices shown, oldest shown first.</summary>
    public IReadOnlyList<ShownOffer> Offers => (IReadOnlyList<ShownOffer>?)_offers ?? [];

    /// <summary>The price last shown to this session for a product, if any is remembered.</summary>
    public ShownOffer? OfferFor(string productId)
    {
        if (_offers is null)
        {
            return null;
        }
        foreach (var offer in _offers)
        {
            if (string.Equals(offer.ProductId, productId, StringComparison.Ordinal))
            {
                return offer;
            }
        }
        return null;
    }

    /// <summary>Remembers a shown price (replacing the product's previous one); forgets the oldest beyond the bound.</summary>
    public void RememberOffer(ShownOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var offers = _offers ??= new List<ShownOffer>(2);
        for (var i = 0; i < offers.Count; i++)
        {
            if (string.Equals(offers[i].ProductId, offer.ProductId, StringComparison.Ordinal))
            {
                offers.RemoveAt(i);
                break;
            }
        }
        // Kept in the order they were first shown, so the oldest is first (what a snapshot lists and eviction drops).
        var at = offers.Count;
        while (at > 0 && offers[at - 1].ShownAt > offer.ShownAt)
        {
            at--;
        }
        offers.Insert(at, offer);
        if (offers.Count > _options.MaxOffers)
        {
            offers.RemoveAt(0);
        }
    }

    /// <summary>
    /// Rebuilds a session from its snapshot. The model state is taken only when the snapshot was made by a model of
    /// the same version and size: another model's hidden state means nothing to this one, so the session then goes
    /// on from zeros with its journey (cart, counters, history) intact.
    /// </summary>
    public static SessionState Restore(State.SessionSnapshot snapshot, string modelVersion, StateArena arena, int slot, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(arena);
        var state = new SessionState(snapshot.SessionId, arena, slot, options);
        if (string.Equals(snapshot.ModelVersion, modelVersion, StringComparison.Ordinal) && snapshot.H.Length == arena.HiddenSize
            && snapshot.C.Length == arena.HiddenSize)
        {
            snapshot.H.CopyTo(arena.H(slot));
            snapshot.C.CopyTo(arena.C(slot));
        }
        state.Sequence = snapshot.Sequence;
        state.LastTimestamp = snapshot.LastTimestamp;
        state.Journey.Restore(snapshot.TypeCounts, snapshot.HasPurchased, snapshot.EngagementsAfterPurchase, snapshot.Cart);
        foreach (var hash in snapshot.SeenEventHashes)
        {
            state.AddSeen(hash);
        }
        for (var i = snapshot.RecentItems.Count - 1; i >= 0; i--)
        {
            state.AddRecent(snapshot.RecentItems[i]);
        }
        foreach (var product in snapshot.PurchasedItems)
        {
            state.AddPurchased(product);
        }
        foreach (var offer in snapshot.Offers)
        {
            state.RememberOffer(offer);
        }
        return state;
    }

    /// <summary>This session as a snapshot, after the event at <paramref name="partition"/>/<paramref name="offset"/>.</summary>
    public State.SessionSnapshot ToSnapshot(string modelVersion, int partition, long offset, IReadOnlyList<State.PendingDecision> pending) =>
        new(SessionId, modelVersion, partition, offset, Sequence, LastTimestamp, H, C, [.. Journey.TypeCounts],
            Journey.HasPurchased, Journey.EngagementsAfterPurchase, [.. Journey.Cart], [.. RecentItems()], [.. SeenEventHashes()], pending,
            [.. PurchasedItems], [.. Offers]);

    /// <summary>Applies an event whose model step already wrote the new h and c into the session's row. Call only for events not yet seen.</summary>
    public void Apply(ClickEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        AddSeen(HashEventId(e.EventId));
        Sequence++;
        LastTimestamp = e.Timestamp;
        Journey.Apply(e);
        if (e.ProductId is not null && e.Type is not ClickType.RemoveFromCart)
        {
            AddRecent(e.ProductId);
        }
        if (e is { Type: ClickType.Purchase, ProductId: { } bought })
        {
            AddPurchased(bought);
        }
    }

    private void AddSeen(ulong hash)
    {
        Grow(ref _seen, _seenCount, _options.DedupeWindow);
        if (_seenCount < _seen.Length)
        {
            _seen[_seenCount++] = hash;
            return;
        }
        // Full at the window: overwrite the oldest.
        _seen[_seenNext] = hash;
        _seenNext = (_seenNext + 1) % _seen.Length;
    }

    /// <summary>Doubles a full array (from 4) up to its bound, keeping its first <paramref name="count"/> items.</summary>
    private static void Grow<T>([NotNull] ref T[]? array, int count, int bound)
    {
        if (array is not null && (count < array.Length || array.Length >= bound))
        {
            return;
        }
        var grown = new T[Math.Min(bound, Math.Max(4, (array?.Length ?? 0) * 2))];
        array?.AsSpan(0, count).CopyTo(grown);
        array = grown;
    }

    private void AddPurchased(string productId)
    {
        var purchased = _purchased ??= new List<string>(1);
        if (purchased.Contains(productId, StringComparer.Ordinal))
        {
            return;
        }
        purchased.Add(productId);
        if (purchased.Count > _options.MaxCartLines)
        {
            purchased.RemoveAt(0);
        }
    }

    private void AddRecent(string productId)
    {
        Grow(ref _recent, _recentCount, _options.RecentItems);
        var count = Math.Min(_recentCount + 1, _recent.Length);
        // Most recent first: shift the rest right by one (at most RecentItems references).
        Array.Copy(_recent, 0, _recent, 1, count - 1);
        _recent[0] = productId;
        _recentCount = count;
    }
}
