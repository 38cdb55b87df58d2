using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;
using Journeys.Scoring.Batching;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Everything one live session holds. Every collection is bounded by <see cref="SessionOptions"/>, so memory per
/// session has a ceiling whatever the client sends. The LSTM state (h, c) is not here but in the session's row of the
/// scorer's <see cref="StateArena"/>, which the batcher reads and writes in place.
/// </summary>
public sealed class SessionState
{
    private readonly SessionOptions _options;
    private readonly StateArena _arena;
    private readonly RecentWindow _seenEvents;
    private readonly string?[] _recentItems;
    private int _recentNext;
    // Products bought in this session, oldest first (bounded like the cart): never recommended again in the session.
    private readonly List<string> _purchased = [];
    // The latest price shown per product (bounded; the oldest shown is forgotten first).
    private readonly Dictionary<string, ShownOffer> _offers = new(StringComparer.Ordinal);

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
        _seenEvents = new RecentWindow(options.DedupeWindow);
        _recentItems = new string?[options.RecentItems];
        Journey = new JourneyProgress(options.MaxCartLines);
    }

    public string SessionId { get; }

    /// <summary>The session's row of LSTM state in the arena.</summary>
    public int Slot { get; }

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

    public bool HasSeen(string eventId) => _seenEvents.Contains(eventId);

    /// <summary>Recent product ids, most recent first.</summary>
    public IEnumerable<string> RecentItems()
    {
        for (var i = 1; i <= _recentItems.Length; i++)
        {
            var item = _recentItems[((_recentNext - i) % _recentItems.Length + _recentItems.Length) % _recentItems.Length];
            if (item is null)
            {
                yield break;
            }
            yield return item;
        }
    }

    /// <summary>Products purchased in this session, oldest first.</summary>
    public IReadOnlyList<string> PurchasedItems => _purchased;

    /// <summary>The price last shown to this session for a product, if any is remembered.</summary>
    public ShownOffer? OfferFor(string productId) => _offers.GetValueOrDefault(productId);

    /// <summary>Remembers a shown price (replacing the product's previous one); forgets the oldest beyond the bound.</summary>
    public void RememberOffer(ShownOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        _offers[offer.ProductId] = offer;
        if (_offers.Count > _options.MaxOffers)
        {
            _offers.Remove(_offers.Values.MinBy(o => o.ShownAt)!.ProductId);
        }
    }

    /// <summary>Event ids remembered to refuse duplicates, oldest first.</summary>
    public IEnumerable<string> SeenEvents => _seenEvents.Keys;

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
        foreach (var id in snapshot.SeenEvents)
        {
            state._seenEvents.Add(id);
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
            Journey.HasPurchased, Journey.EngagementsAfterPurchase, [.. Journey.Cart], [.. RecentItems()], [.. SeenEvents], pending,
            [.. _purchased], [.. _offers.Values.OrderBy(o => o.ShownAt)]);

    /// <summary>Applies an event whose model step already wrote the new h and c into the session's row. Call only for events not yet seen.</summary>
    public void Apply(ClickEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _seenEvents.Add(e.EventId);
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

    private void AddPurchased(string productId)
    {
        if (_purchased.Contains(productId, StringComparer.Ordinal))
        {
            return;
        }
        _purchased.Add(productId);
        if (_purchased.Count > _options.MaxCartLines)
        {
            _purchased.RemoveAt(0);
        }
    }

    private void AddRecent(string productId)
    {
        _recentItems[_recentNext] = productId;
        _recentNext = (_recentNext + 1) % _recentItems.Length;
    }
}
