using Akka;
using Journeys.Ingest.Kafka;
using Journeys.SessionActors.Sessions;

namespace Journeys.Engine;

/// <summary>
/// One consumed record's way back from its session: the session's answer is published right there, on the session
/// actor (so a session's decisions are produced in its event order), then <see cref="Handed"/> completes, which only
/// frees the record's in-flight slot. The record itself completes (and its offset may be committed) only when both
/// its outcome is delivered and the session's state after it is durable in Garnet.
/// </summary>
internal sealed class RecordReply : ISessionReplySink
{
    private readonly DecisionPipeline _pipeline;
    private readonly ConsumedRecord _record;
    // Continuations run inline: what waits on this is the stream's async callback, which only enqueues a message, and
    // running it here saves a thread-pool hop per event.
    private readonly TaskCompletionSource<NotUsed> _handed = new();
    // Two things must happen before the offset may move: outcome delivered (or nothing to deliver), state durable.
    private int _outstanding = 2;

    public RecordReply(DecisionPipeline pipeline, ConsumedRecord record)
    {
        _pipeline = pipeline;
        _record = record;
    }

    public Task<NotUsed> Handed => _handed.Task;

    public void OnReply(SessionReply reply)
    {
        try
        {
            switch (reply)
            {
                case EventDecided d:
                    _pipeline.Publish(Outcome.Decided(_record, d.Decision), this, d.Pending);
                    break;
                case EventRejected r:
                    _pipeline.Publish(Outcome.Dead(_record, r.Reason, r.Detail), this, null);
                    break;
                case EventAlreadyApplied:
                    // Decided and delivered before the restart: nothing to send again.
                    _pipeline.CountAlreadyApplied();
                    Done();
                    break;
                default:
                    throw new InvalidOperationException($"unexpected session reply {reply.GetType().Name}");
            }
            _handed.TrySetResult(NotUsed.Instance);
        }
#pragma warning disable CA1031 // The session must not crash over a producer error: the stream fails instead and stops the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _handed.TrySetException(ex);
        }
    }

    public void OnStateDurable() => Done();

    /// <summary>One of the two conditions is met; the second completes the record.</summary>
    public void Done()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _record.Complete();
        }
    }
}
