using System.Buffers.Binary;
using Confluent.Kafka;
using Journeys.Contracts.Events;
using Journeys.Ingest.Kafka;

namespace Journeys.Lab.Replay;

/// <summary>
/// Produces a stream of click events to Kafka the way collectors would (key = sessionId, wire JSON), paced by a
/// <see cref="ReplayPacer"/>, stamping each record with its send time (<see cref="ConsumedRecord.SentAtHeader"/>,
/// Unix microseconds, 8 bytes big-endian) for end-to-end latency. Counts delivered and failed records.
/// </summary>
public sealed class KafkaReplayer
{
    private readonly KafkaPublisher _publisher;
    private readonly string _topic;
    private readonly TimeProvider _clock;
    private readonly DeliveryTally _tally = new();

    public KafkaReplayer(KafkaPublisher publisher, string topic, TimeProvider clock)
    {
        _publisher = publisher;
        _topic = topic;
        _clock = clock;
    }

    public long Delivered => _tally.Delivered;

    public long Failed => _tally.Failed;

    public string? FirstError => _tally.FirstError;

    /// <summary>
    /// Sends every event when due and waits (up to <paramref name="flushTimeout"/>) until each is delivered or failed.
    /// <paramref name="tracker"/> counts sends for a progress display.
    /// </summary>
    public async Task<long> RunAsync(IEnumerable<ClickEvent> events, ReplayPacing pacing, ReplayProgressTracker tracker,
        TimeSpan flushTimeout, CancellationToken cancellationToken)
    {
        var sent = 0L;
        await foreach (var e in new ReplayPacer(pacing).PaceAsync(events, _clock, cancellationToken))
        {
            var sentAt = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64BigEndian(sentAt, _clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
            var headers = new Headers { { ConsumedRecord.SentAtHeader, sentAt } };
            _publisher.Publish(_topic, e.SessionId, ClickEventCodec.Encode(e), headers, _tally.Report);
            sent++;
            tracker.Record();
        }
        // Flush blocks until delivery: on a dedicated thread, never a thread-pool thread the engine needs.
        await Task.Factory.StartNew(() => _publisher.Flush(flushTimeout), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return sent;
    }

}
