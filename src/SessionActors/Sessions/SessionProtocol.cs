using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Apply one valid event to its session; the reply is a <see cref="SessionReply"/>, handed to
/// <paramref name="ReplyTo"/> when given (in event order, on the session) and otherwise told to the sender.
/// <paramref name="Partition"/> and <paramref name="Offset"/> say where in Kafka the event came from (-1 when not from
/// Kafka): the region stops a partition's sessions when the partition is revoked, because another engine continues
/// them, and a session restored from a snapshot skips events at or below the offset the snapshot already covers.
/// <paramref name="ReceivedTimestamp"/> is when the engine received the event (<c>Stopwatch.GetTimestamp</c>; 0 when not
/// known): the decision's <c>latencyMs</c> counts from it.
/// </summary>
public sealed record ApplyEvent(ClickEvent Event, int Partition = -1, ISessionReplySink? ReplyTo = null, long Offset = -1,
    long ReceivedTimestamp = 0);

/// <summary>What a session answers for an event: exactly one of its subtypes.</summary>
public abstract record SessionReply;

/// <summary>
/// The event was applied to the session's state and decided. <paramref name="Pending"/> is the decision as the
/// session's snapshot keeps it until its delivery is confirmed (mark it delivered then). <paramref name="Json"/> is the
/// decision's wire JSON, stamped (decidedAt, latencyMs) when the session made it — or, for a decision re-sent after a
/// restart, when it was first made: a repeat is the same bytes.
/// </summary>
public sealed record EventDecided(Decision Decision, State.PendingDecision? Pending = null, byte[]? Json = null) : SessionReply;

/// <summary>
/// The session's snapshot already covers this event (it is being consumed again after a crash or rebalance) and its
/// decision was delivered before: nothing to apply, nothing to send.
/// </summary>
public sealed record EventAlreadyApplied(string EventId) : SessionReply;

/// <summary>The event was not applied (duplicate, or the model step failed); it belongs in the dead-letter topic.</summary>
public sealed record EventRejected(DeadLetterReason Reason, string Detail) : SessionReply;

/// <summary>Asks a session for a copy of its state (tests, diagnostics).</summary>
public sealed record GetSessionState
{
    public static readonly GetSessionState Instance = new();
}

/// <summary>
/// Stop once every event already received is decided (the region passivates a session with it). A session stopped in
/// the middle of a step would leave its event undecided and its state row to the batcher.
/// </summary>
public sealed record StopWhenIdle
{
    public static readonly StopWhenIdle Instance = new();
}

/// <summary>The session's step is done; its reply waits in the session's <see cref="SessionInbox"/>.</summary>
internal sealed class StepCompleted
{
    public static readonly StepCompleted Instance = new();
}

/// <summary>The session's snapshot read at start (null: none), or why it could not be read.</summary>
internal sealed record SnapshotLoaded(State.SessionSnapshot? Snapshot, InvalidDataException? Unreadable);
