using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Journeys.Ingest.Offsets;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// One record from the clicks topic. Whoever finishes handling it (the decision delivered, or its dead letter written)
/// calls <see cref="Complete"/>; only then may its offset be committed.
/// </summary>
public sealed class ConsumedRecord
{
    /// <summary>Header a load generator sets to its send time, to measure end-to-end latency.</summary>
    public const string SentAtHeader = "journeys-sent-at";

    private readonly PartitionWatermark _watermark;
    private readonly int _epoch;
    private readonly long _sequence;
    private readonly long? _sentAt;
    private int _emitted;
    private int _completed;

    internal ConsumedRecord(ConsumeResult<string?, byte[]> result, PartitionWatermark watermark, int epoch, long sequence, long receivedTimestamp)
    {
        Topic = result.Topic;
        Partition = result.Partition.Value;
        Offset = result.Offset.Value;
        Key = result.Message.Key;
        Value = result.Message.Value ?? [];
        Headers = result.Message.Headers;
        Timestamp = result.Message.Timestamp;
        ReceivedTimestamp = receivedTimestamp;
        _watermark = watermark;
        _epoch = epoch;
        _sequence = sequence;
    }

    /// <summary>
    /// A record that did not come through a Kafka consumer (the load test's in-process source): the same watermark
    /// bookkeeping, with its send time given directly instead of in a header.
    /// </summary>
    public ConsumedRecord(string topic, int partition, long offset, string? key, byte[] value, long? sentAt,
        PartitionWatermark watermark, int epoch, long sequence, long receivedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = value;
        Timestamp = Timestamp.Default;
        ReceivedTimestamp = receivedTimestamp;
        _sentAt = sentAt;
        _watermark = watermark;
        _epoch = epoch;
        _sequence = sequence;
    }

    public string Topic { get; }

    public int Partition { get; }

    public long Offset { get; }

    public string? Key { get; }

    public byte[] Value { get; }

    public Headers? Headers { get; }

    /// <summary>The record's Kafka timestamp (producer create time or broker append time).</summary>
    public Timestamp Timestamp { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the consumer thread received it.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>The assignment epoch it was consumed in; a completion only counts while that epoch lasts.</summary>
    public int Epoch => _epoch;

    public bool IsCompleted => Volatile.Read(ref _completed) == 1;

    /// <summary>
    /// The <see cref="SentAtHeader"/> value, written by the producer either as 8 bytes big-endian or as ASCII digits;
    /// its unit is the producer's (the load test uses Unix microseconds).
    /// </summary>
    public long? SentAt
    {
        get
        {
            if (_sentAt is not null)
            {
                return _sentAt;
            }
            if (Headers is null || !Headers.TryGetLastBytes(SentAtHeader, out var bytes) || bytes is null)
            {
                return null;
            }
            if (bytes.Length == sizeof(long))
            {
                return BinaryPrimitives.ReadInt64BigEndian(bytes);
            }
            return long.TryParse(Encoding.ASCII.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
        }
    }

    /// <summary>
    /// The producer's send time from the <see cref="SentAtHeader"/> header read as Unix microseconds (the unit the load
    /// test and the docs give it), or null when the record has no such header (or did not come through Kafka).
    /// </summary>
    public long? SentAtUnixMicroseconds => _sentAt is null ? SentAt : null;

    /// <summary>
    /// Marks the record handled: thread-safe and idempotent. Returns false when it was completed before or its
    /// assignment is over (the partition was revoked or lost since), in which case the watermark does not move.
    /// </summary>
    public bool Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
        {
            return false;
        }
        return _watermark.Complete(_epoch, _sequence, wasEmitted: Volatile.Read(ref _emitted) == 1);
    }

    /// <summary>Claims the record for emission; false when its partition is being revoked (then it is dropped).</summary>
    public bool TryEmit()
    {
        if (!_watermark.TryMarkEmitted(_epoch))
        {
            return false;
        }
        Volatile.Write(ref _emitted, 1);
        return true;
    }

    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
