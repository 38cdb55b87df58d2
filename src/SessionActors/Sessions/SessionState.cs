using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;

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
        Journey = new JourneyProgress(options.MaxCartLines);
    }

    public string SessionId { get; }

    /// <summary>LSTM hidden state after the last applied event (zeros before the first).</summary>
    public float[] H { get; private set; }

    /// <summary>LSTM cell state after the last applied event.</summary>
    public float[] C { get; private set; }

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

    /// <summary>Applies an event and the model state it produced. Call only for events not yet seen.</summary>
    public void Apply(ClickEvent e, float[] h, float[] c)
    {
        ArgumentNullException.ThrowIfNull(e);
        _seenEvents.Add(e.EventId);
        Sequence++;
        H = h;
        C = c;
        LastTimestamp = e.Timestamp;
        Journey.Apply(e);
        if (e.ProductId is not null && e.Type is not ClickType.RemoveFromCart)
        {
            _recentItems[_recentNext] = e.ProductId;
            _recentNext = (_recentNext + 1) % _recentItems.Length;
        }
    }
}
