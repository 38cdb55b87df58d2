using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Streams;
using Akka;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Contracts.Json;
using Journeys.Ingest.Kafka;
using Journeys.Scoring.Views;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Logging;

namespace Journeys.Engine;

/// <summary>
/// The path of one click: Kafka record → decode and validate → its session actor (one model step, batched with other
/// sessions' steps) → decision or dead letter, handed to the producer by the session in event order → on delivery, the record completes, which lets its
/// partition's watermark (and so the committed offset) move past it. A record is completed only after its result (decision or
/// dead letter) is durably on Kafka; a failed delivery fails the engine instead of being acknowledged.
/// </summary>
internal sealed class DecisionPipeline
{
    private readonly KafkaOptions _kafka;
    private readonly EngineOptions _engine;
    private readonly SessionOptions _sessions;
    private readonly IActorRef _region;
    private readonly IRecordPublisher _publisher;
    private readonly EngineCounters _counters;
    private readonly ILogger _log;
    private readonly IStateAvailability _loader;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DecisionPipeline(KafkaOptions kafka, EngineOptions engine, SessionOptions sessions, IActorRef region,
        IRecordPublisher publisher, EngineCounters counters, IStateAvailability loader, ILogger log)
    {
        _loader = loader;
        _kafka = kafka;
        _engine = engine;
        _sessions = sessions;
        _region = region;
        _publisher = publisher;
        _counters = counters;
        _log = log;
    }

    /// <summary>Faults when a decision or dead letter could not be delivered: the engine must stop, not skip it.</summary>
    public Task Failed => _failed.Task;

    /// <param name="views">Where accepted clicks also go, in stream order, beside the sessions; null when the views
    /// read the clicks topic themselves (<see cref="IEngineTransport.ViewRecords"/>).</param>
    public (IClickSourceControl Control, Task Completion) Run(Source<ConsumedRecord, IClickSourceControl> source,
        Sink<ViewClick, NotUsed>? views, IMaterializer materializer)
    {
        var accepted = source.Select(Accept);
        if (views is not null)
        {
            accepted = accepted.AlsoToMaterialized(Flow.Create<AcceptedClick>().Where(a => a.Event is not null)
                .Select(a => new ViewClick(a.Record.Partition, a.Record.Offset, a.Event!)).To(views), Keep.Left);
        }
        return accepted
            .ToMaterialized(new SessionDispatch(this, _region, _engine.MaxInFlight, _sessions.ReplyTimeout, _loader), Keep.Both)
            .Run(materializer);
    }

    private AcceptedClick Accept(ConsumedRecord record)
    {
        _counters.OnReceived();
        var started = StageClock.Start();
        var (e, reason, detail) = Validate(record.Key, record.Value, _engine.RequireKeyMatchesSession);
        StageClock.Stop(EngineStage.Decode, started);
        return new AcceptedClick(record, e, reason, detail);
    }

    /// <summary>
    /// A record's click, or why it is refused: it does not decode to a valid click, or (when
    /// <paramref name="requireKeyMatchesSession"/>) its Kafka key is not the click's session id. The sessions and the
    /// views accept the same clicks.
    /// </summary>
    public static (ClickEvent? Event, DeadLetterReason Reason, string? Detail) Validate(string? key, byte[] value, bool requireKeyMatchesSession)
    {
        var decoded = ClickEventCodec.Decode(value);
        if (!decoded.IsValid)
        {
            return (null, decoded.Reason, decoded.Detail);
        }
        var e = decoded.Event!;
        if (requireKeyMatchesSession && key is not null && !string.Equals(key, e.SessionId, StringComparison.Ordinal))
        {
            return (null, DeadLetterReason.InvalidValue,
                $"Kafka key '{key}' is not the event's sessionId '{e.SessionId}': a session must be keyed by its id to stay on one partition and in order");
        }
        return (e, default, null);
    }

    /// <summary>A click refused before any session saw it: its dead letter completes it once delivered.</summary>
    internal void DeadLetter(AcceptedClick click) => Publish(RecordResult.Dead(click.Record, click.Reason, click.Detail!), null, null);

    /// <summary>
    /// Hands a record's result to the producer. Thread-safe: session actors call it concurrently. On delivery the record
    /// completes — directly for an event no session saw, through <paramref name="reply"/> (which also waits for the
    /// session's state to be durable) otherwise; <paramref name="pending"/> is marked delivered so the session's next
    /// snapshot drops it.
    /// </summary>
    internal void Publish(RecordResult result, RecordReply? reply, PendingDecision? pending)
    {
        var record = result.Record;
        if (result.Decision is { } decision)
        {
            var encoding = StageClock.Start();
            var latency = Stopwatch.GetElapsedTime(record.ReceivedTimestamp);
            var bytes = result.Json
                ?? DecisionJson.ToUtf8Bytes(decision with { DecidedAt = DateTimeOffset.UtcNow, LatencyMs = latency.TotalMilliseconds });
            var producing = StageClock.Lap(EngineStage.Encode, encoding);
            _counters.RecordLatency(latency);
            _counters.OnDecided(decision);
            if (record.SentAtUnixMicroseconds is { } sentAt)
            {
                _counters.RecordEndToEnd(sentAt);
            }
            _publisher.PublishResult(_kafka.DecisionsTopic, decision.SessionId, bytes, record,
                error => OnDelivered(record, error, isDecision: true, reply, pending));
            StageClock.Stop(EngineStage.Produce, producing);
            return;
        }

        var code = DeadLetterReasons.ToCode(result.Reason);
        var payload = DeadLetterPayload(code, result.Detail ?? code, record.Topic, record.Partition, record.Offset, record.Key, record.Value);
        _log.LogDebug("Dead letter {Record}: {Reason} ({Detail})", record, code, result.Detail);
        _publisher.PublishResult(_kafka.DeadLetterTopic, record.Key, payload, null,
            error => OnDelivered(record, error, isDecision: false, reply, null, code));
    }

    /// <summary>Fails the engine: Kafka reported an error that no retry will cure.</summary>
    public void Fail(Error error)
    {
        _log.LogCritical("Fatal Kafka producer error: {Error}", error.Reason);
        _failed.TrySetException(new KafkaException(error));
    }

    /// <summary>
    /// An invalid product feed record goes to the dead-letter topic with its reason, like an invalid click. The feed is
    /// not committed (every engine reads it whole), so nothing waits on this delivery; a failure is logged.
    /// </summary>
    internal void DeadLetterFeedRecord(ConsumeResult<string?, byte[]> record, DeadLetterReason reason, string detail)
    {
        var code = DeadLetterReasons.ToCode(reason);
        var payload = DeadLetterPayload(code, detail, record.Topic, record.Partition.Value, record.Offset.Value,
            record.Message.Key, record.Message.Value ?? []);
        _log.LogWarning("Invalid product feed record {Topic}/{Partition}@{Offset}: {Reason} ({Detail})", record.Topic,
            record.Partition.Value, record.Offset.Value, code, detail);
        _publisher.PublishResult(_kafka.DeadLetterTopic, record.Message.Key, payload, null,
            error =>
            {
                if (error is not null)
                {
                    _log.LogError("Dead letter of product feed record {Topic}/{Partition}@{Offset} not delivered: {Error}", record.Topic,
                        record.Partition.Value, record.Offset.Value, error.Reason);
                }
            });
    }

    /// <summary>The dead-letter record for a refused input of any topic: the reason and the original bytes, kept whole.</summary>
    private static byte[] DeadLetterPayload(string code, string detail, string topic, int partition, long offset, string? key,
        byte[] value) =>
        JsonSerializer.SerializeToUtf8Bytes(new DeadLetter(code, detail, topic, partition, offset, key, Convert.ToBase64String(value)),
            JourneysJsonContext.Default.DeadLetter);

    internal void CountAlreadyApplied() => _counters.OnAlreadyApplied();

    private void OnDelivered(ConsumedRecord record, Error? error, bool isDecision, RecordReply? reply, PendingDecision? pending,
        string? deadLetterReason = null)
    {
        if (error is null || !error.IsError)
        {
            pending?.MarkDelivered();
            if (reply is null)
            {
                record.Complete();
            }
            else
            {
                reply.Done();
            }
            if (isDecision)
            {
                _counters.OnDecisionDelivered();
            }
            else
            {
                _counters.OnDeadLetterDelivered(deadLetterReason ?? "unknown");
            }
            return;
        }
        // The record stays incomplete, so its offset is never committed and it is consumed again after restart.
        _log.LogError("Delivery of the outcome of {Record} failed: {Error}. Stopping the engine.", record, error.Reason);
        _failed.TrySetException(new KafkaException(error));
    }
}
