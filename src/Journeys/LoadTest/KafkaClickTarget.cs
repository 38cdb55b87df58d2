using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using Journeys.Ingest.Kafka;
using Journeys.Lab.Replay;

namespace Journeys.LoadTest;

/// <summary>
/// The load generator's Kafka target: clicks keyed by session, each with the <see cref="ConsumedRecord.SentAtHeader"/>
/// (Unix µs of the time it was due, 8 bytes big-endian) that the engine copies onto its decision.
/// </summary>
internal sealed class KafkaClickTarget : IClickTarget, IDisposable
{
    private readonly KafkaPublisher _publisher;
    private readonly string _topic;
    private readonly long _unixMicrosAtStart = LatencyProbe.NowMicros();
    private readonly long _stopwatchAtStart = Stopwatch.GetTimestamp();
    private readonly DeliveryTally _tally = new();

    public KafkaClickTarget(KafkaOptions options, string topic)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publisher = new KafkaPublisher(options);
        _topic = topic;
    }

    public long Accepted => _tally.Delivered;

    public long Failed => _tally.Failed;

    public string? FirstError => _tally.FirstError;

    public void Append(string key, byte[] value, long sentAt)
    {
        var header = new byte[sizeof(long)];
        var unixMicros = _unixMicrosAtStart + (long)Stopwatch.GetElapsedTime(_stopwatchAtStart, sentAt).TotalMicroseconds;
        BinaryPrimitives.WriteInt64BigEndian(header, unixMicros);
        _publisher.Publish(_topic, key, value, new Headers { { ConsumedRecord.SentAtHeader, header } }, _tally.Report);
    }

    public void Signal()
    {
        // librdkafka sends on its own threads after linger; nothing to wake.
    }

    public int Flush(TimeSpan timeout) => _publisher.Flush(timeout);

    public void Dispose() => _publisher.Dispose();

}
