namespace Journeys.SessionActors.Sessions;

/// <summary>
/// Receives a session's answers on the session actor itself, synchronously and in the order its events were applied.
/// Whoever publishes decisions uses this instead of an ask: an ask's reply completes on the thread pool, so two
/// answers of one session can be seen in the wrong order, and a session's decisions must leave in event order.
/// </summary>
public interface ISessionReplySink
{
    /// <summary>Called once per <see cref="ApplyEvent"/>. Must be quick and must not throw: it runs inside the actor.</summary>
    void OnReply(SessionReply reply);

    /// <summary>
    /// The session's state after this event is durable (its snapshot is written, or the event changed nothing): the
    /// event's offset may be committed once its answer is delivered too. Called once, from any thread.
    /// </summary>
    void OnStateDurable();
}
