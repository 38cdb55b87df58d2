using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.SessionActors.Journey;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Everything one live session holds. Every collection is bounded by <see cref="SessionOptions"/>, so memory per
/// session has a ceiling whatever the client sends.
/// </summary>
public sealed class SessionState
{
    private readonly SessionOptions _options;
    private readonly RecentWindow _seenEvents;
    private readonly string?[] _recentItems;
    private int _recentNext;

    public SessionState(string sessionId, int hiddenSize, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SessionId = sessionId;
        _options = options;
        H = new float[hiddenSize];
        C = new float[hiddenSize];
        _seenEvents = new RecentWindow(options.DedupeWindow);
        _recentItems = new string?[options.RecentItems];
    }

    public string SessionId { get; }

    /// <summary>LSTM hidden state after the last applied event (zeros before the first).</summary>
    public float[] H { get; private set; }

    /// <summary>LSTM cell state after the last applied event.</summary>
    public float[] C { get; private set; }

    /// <summary>Number of events applied; the next event's 1-based sequence is <c>Sequence + 1</c>.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset? LastTimestamp { get; private set; }

    /// <summary>Count of applied events per <see cref="ClickType"/> (indexed by the enum value).</summary>
    public int[] TypeCounts { get; } = new int[ClickTypes.Count];

    /// <summary>Cart lines: product id → quantity. Insertion order is kept for eviction of the oldest line.</summary>
    public Dictionary<string, int> Cart { get; } = new(StringComparer.Ordinal);

    public bool HasPurchased { get; private set; }

    /// <summary>Browsing or buying actions after the session's first purchase (the loyalty signal).</summary>
    public int EngagementsAfterPurchase { get; private set; }

    public JourneyStage Stage => StageRules.Current(this);

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

    /// <summary>Applies an event and the model state it produced. Call only for events not yet seen.</summary>
    public void Apply(ClickEvent e, float[] h, float[] c)
    {
        ArgumentNullException.ThrowIfNull(e);
        _seenEvents.Add(e.EventId);
        Sequence++;
        H = h;
        C = c;
        LastTimestamp = e.Timestamp;
        TypeCounts[(int)e.Type]++;

        if (HasPurchased && e.Type is ClickType.ProductView or ClickType.Search or ClickType.AddToCart or ClickType.Purchase)
        {
            EngagementsAfterPurchase++;
        }
        if (e.ProductId is not null && e.Type is not ClickType.RemoveFromCart)
        {
            _recentItems[_recentNext] = e.ProductId;
            _recentNext = (_recentNext + 1) % _recentItems.Length;
        }
        switch (e.Type)
        {
            case ClickType.AddToCart:
                AddToCart(e.ProductId!, e.Quantity ?? 1);
                break;
            case ClickType.RemoveFromCart:
                RemoveFromCart(e.ProductId!, e.Quantity);
                break;
            case ClickType.Purchase:
                HasPurchased = true;
                // A purchase empties the cart lines it bought; other lines stay for a later order.
                Cart.Remove(e.ProductId!);
                break;
        }
    }

    private void AddToCart(string productId, int quantity)
    {
        if (Cart.TryGetValue(productId, out var q))
        {
            Cart[productId] = checked(q + quantity);
            return;
        }
        if (Cart.Count >= _options.MaxCartLines)
        {
            Cart.Remove(Cart.Keys.First());
        }
        Cart[productId] = quantity;
    }

    private void RemoveFromCart(string productId, int? quantity)
    {
        if (!Cart.TryGetValue(productId, out var q))
        {
            return;
        }
        var left = quantity is { } n ? q - n : 0;
        if (left > 0)
        {
            Cart[productId] = left;
        }
        else
        {
            Cart.Remove(productId);
        }
    }
}
