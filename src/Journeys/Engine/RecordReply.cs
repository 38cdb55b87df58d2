using Akka;
using Journeys.Ingest.Kafka;
using Journeys.SessionActors.Sessions;

namespace Journeys.Engine;

/// <summary>
/// One consumed record's way back from its session: the session's answer is published right there, on the session
/// actor (so a session's decisions are produced in its event order), then <see cref="Handed"/> completes, which only
/// frees the record's in-flight slot — its offset moves on when Kafka confirms delivery.
/// </summary>
internal sealed class RecordReply : ISessionReplySink
{
    private readonly DecisionPipeline _pipeline;
    private readonly ConsumedRecord _record;
    // Continuations run inline: what waits on this is the stream's async callback, which only enqueues a message, and
    // running it here saves a thread-pool hop per event.
    private readonly TaskCompletionSource<NotUsed> _handed = new();

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
            _pipeline.Publish(reply switch
            {
                EventDecided d => Outcome.Decided(_record, d.Decision),
                EventRejected r => Outcome.Dead(_record, r.Reason, r.Detail),
                _ => throw new InvalidOperationException($"unexpected session reply {reply.GetType().Name}"),
            });
            _handed.TrySetResult(NotUsed.Instance);
        }
#pragma warning disable CA1031 // The session must not crash over a producer error: the stream fails instead and stops the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _handed.TrySetException(ex);
        }
    }
}
