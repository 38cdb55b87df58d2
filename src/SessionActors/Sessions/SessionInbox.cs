using Akka.Actor;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Where the batcher and the snapshot loader leave a session's results: they run on their own threads, so they may not
/// touch the actor; they store the result here and tell the actor, whose mailbox orders the hand-over. One per session,
/// made once: a step's outcome needs no message object of its own (the session has at most one step in flight).
/// </summary>
internal sealed class SessionInbox : IStepListener, ISnapshotListener
{
    private readonly IActorRef _session;
    private readonly StateArena _arena;
    private readonly int _slot;
    private StepOutcome _outcome;
    // 0: no outcome waiting; 1: an outcome waits for the actor; 2: the actor stopped with its step in flight.
    private int _handover;

    public SessionInbox(IActorRef session, StateArena arena, int slot)
    {
        _session = session;
        _arena = arena;
        _slot = slot;
    }

    public void OnStepped(StepOutcome outcome)
    {
        _outcome = outcome;
        if (Interlocked.CompareExchange(ref _handover, 1, 0) == 0)
        {
            _session.Tell(StepCompleted.Instance);
            return;
        }
        // The session stopped while its step was in flight: only now is the batcher done with the row.
        _outcome = default;
        outcome.Release();
        _arena.Return(_slot);
    }

    public void OnLoaded(SessionSnapshot? snapshot, InvalidDataException? unreadable) =>
        _session.Tell(new SnapshotLoaded(snapshot, unreadable));

    /// <summary>The outcome of the step that completed (read on the actor after <see cref="StepCompleted"/>).</summary>
    public StepOutcome TakeOutcome()
    {
        var outcome = _outcome;
        _outcome = default;
        Volatile.Write(ref _handover, 0);
        return outcome;
    }

    /// <summary>
    /// The session stops with a step submitted and its outcome not taken. Returns true when the outcome had already
    /// arrived (it is released here, and the caller returns the row); false when the step is still running (the row
    /// goes back when it ends).
    /// </summary>
    public bool Abandon()
    {
        if (Interlocked.CompareExchange(ref _handover, 2, 0) == 0)
        {
            return false;
        }
        TakeOutcome().Release();
        return true;
    }
}
