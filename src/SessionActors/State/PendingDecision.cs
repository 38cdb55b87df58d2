using System.Text.Json;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Json;

namespace Journeys.SessionActors.State;

/// <summary>
/// A decision handed to the producer whose delivery is not yet confirmed: kept in the session's snapshot so that if
/// its event is consumed again after a crash, the same decision is sent again instead of none. It is kept as the wire
/// JSON that was sent (a re-send repeats those bytes exactly); once delivered, the bytes are let go at once rather than
/// when the session's next event comes, so an idle session does not hold its last decision.
/// </summary>
public sealed class PendingDecision
{
    private byte[]? _json;

    public PendingDecision(string eventId, long offset, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        EventId = eventId;
        Offset = offset;
        _json = json;
    }

    /// <summary>A pending decision whose JSON is the decision serialized now (tests and tools).</summary>
    public PendingDecision(string eventId, long offset, Decision decision)
        : this(eventId, offset, DecisionJson.ToUtf8Bytes(decision))
    {
    }

    public string EventId { get; }

    public long Offset { get; }

    /// <summary>The decision's JSON while it is undelivered; null once delivered. Read it once and use that copy.</summary>
    public byte[]? UndeliveredJson => Volatile.Read(ref _json);

    /// <summary>Set from the producer's delivery report thread.</summary>
    public bool IsDelivered => Volatile.Read(ref _json) is null;

    public void MarkDelivered() => Volatile.Write(ref _json, null);

    /// <summary>The decision, read back from its JSON (for a re-send); null once delivered.</summary>
    public Decision? Decision =>
        UndeliveredJson is { } json ? JsonSerializer.Deserialize(json, JourneysJsonContext.Default.Decision) : null;
}
