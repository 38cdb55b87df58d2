using Akka.Actor;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Where the batcher and the snapshot loader leave a session's results: they run on their own threads, so they may not
/// touch the actor; they store the result here and tell the actor, whose mailbox orders the hand-over. One per session,
/// made once: a step's reply needs no message object of its own (the session has at most one step in flight).
/// </summary>
internal sealed class SessionInbox : IStepListener, ISnapshotListener
{
    private readonly IActorRef _session;
    private readonly StateArena _arena;
    private readonly int _slot;
    private StepReply _reply;
    // 0: no reply waiting; 1: a reply waits for the actor; 2: the actor stopped with its step in flight.
    private int _handover;

    public SessionInbox(IActorRef session, StateArena arena, int slot)
    {
        _session = session;
        _arena = arena;
        _slot = slot;
    }

    public void OnStepped(StepReply reply)
    {
        _reply = reply;
        if (Interlocked.CompareExchange(ref _handover, 1, 0) == 0)
        {
            _session.Tell(StepCompleted.Instance);
            return;
        }
        // The session stopped while its step was in flight: only now is the batcher done with the row.
        _reply = default;
        reply.Release();
        _arena.Return(_slot);
    }

    public void OnLoaded(SessionSnapshot? snapshot, InvalidDataException? unreadable) =>
        _session.Tell(new SnapshotLoaded(snapshot, unreadable));

    /// <summary>The reply of the step that completed (read on the actor after <see cref="StepCompleted"/>).</summary>
    public StepReply TakeReply()
    {
        var reply = _reply;
        _reply = default;
        Volatile.Write(ref _handover, 0);
        return reply;
    }

    /// <summary>
    /// The session stops with a step submitted and its reply not taken. Returns true when the reply had already
    /// arrived (it is released here, and the caller returns the row); false when the step is still running (the row
    /// goes back when it ends).
    /// </summary>
    public bool Abandon()
    {
        if (Interlocked.CompareExchange(ref _handover, 2, 0) == 0)
        {
            return false;
        }
        TakeReply().Release();
        return true;
    }
}
