using System.Diagnostics;
using Journeys.Ingest.Kafka;
using Journeys.SessionActors.Sessions;

namespace Journeys.Engine;

/// <summary>
/// One consumed record's way back from its session: the session's answer is published right there, on the session
/// actor (so a session's decisions are produced in its event order), then the dispatch stage hears that the record is
/// handed, which only frees its in-flight place. The record itself completes (and its offset may be committed) only when
/// both its result (decision or dead letter) is delivered and the session's state after it is durable in Garnet.
/// </summary>
internal sealed class RecordReply : ISessionReplySink
{
    private readonly DecisionPipeline _pipeline;
    private readonly SessionDispatch.IReplies _dispatch;
    private readonly long _dispatched = Stopwatch.GetTimestamp();
    private int _handed;
    // Two things must happen before the offset may move: result delivered (or nothing to deliver), state durable.
    private int _outstanding = 2;

    public RecordReply(DecisionPipeline pipeline, ConsumedRecord record, SessionDispatch.IReplies dispatch)
    {
        _pipeline = pipeline;
        Record = record;
        _dispatch = dispatch;
    }

    public ConsumedRecord Record { get; }

    /// <summary>The session answered (successfully handed to the producer or not).</summary>
    public bool IsHanded => Volatile.Read(ref _handed) == 1;

    /// <summary>Time since the click was told to its session.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(_dispatched);

    /// <summary>Time since the click was told to its session, or since <paramref name="timestamp"/> if that is later.</summary>
    public TimeSpan AgeSince(long timestamp) => Stopwatch.GetElapsedTime(Math.Max(_dispatched, timestamp));

    public void OnReply(SessionReply reply)
    {
        Exception? failure = null;
        try
        {
            switch (reply)
            {
                case EventDecided d:
                    _pipeline.Publish(RecordResult.Decided(Record, d.Decision, d.Json), this, d.Pending);
                    break;
                case EventRejected r:
                    _pipeline.Publish(RecordResult.Dead(Record, r.Reason, r.Detail), this, null);
                    break;
                case EventAlreadyApplied:
                    // Decided and delivered before the restart: nothing to send again.
                    _pipeline.CountAlreadyApplied();
                    Done();
                    break;
                default:
                    throw new InvalidOperationException($"unexpected session reply {reply.GetType().Name}");
            }
        }
#pragma warning disable CA1031 // The session must not crash over a producer error: the stream fails instead and stops the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        if (Interlocked.Exchange(ref _handed, 1) == 0)
        {
            _dispatch.OnHanded(failure);
        }
    }

    public void OnStateDurable() => Done();

    /// <summary>One of the two conditions is met; the second completes the record.</summary>
    public void Done()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            Record.Complete();
        }
    }
}
