using System.Buffers.Binary;
using Confluent.Kafka;
using HdrHistogram;
using Journeys.Downstream;
using Journeys.Ingest.Kafka;

namespace Journeys.LoadTest;

/// <summary>
/// Reads decisions as the load tester's downstream and measures end-to-end latency: from the producer's send time
/// (the <see cref="ConsumedRecord.SentAtHeader"/> the engine copies from the click to its decision) to the decision
/// arriving here. Both clocks are this process's, so no clock skew enters. Dead letters are counted too.
/// </summary>
internal sealed class LatencyProbe : IDisposable
{
    private readonly OutputTail _tail;
    private readonly Recorder _interval = new(1, 120_000_000, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, 120_000_000, 3);
    private readonly Lock _gate = new();
    private long _decisions;
    private long _deadLetters;
    private long _recordFromMicros = long.MaxValue;

    public LatencyProbe(string bootstrap, string decisionsTopic, string deadLetterTopic)
    {
        _tail = new OutputTail(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"journeys-loadtest-{Guid.NewGuid():N}",
            // Only what this load test causes: start at the end of the topics.
            AutoOffsetReset = AutoOffsetReset.Latest,
            FetchWaitMaxMs = 5,
        }, decisionsTopic, deadLetterTopic, TimeSpan.FromMilliseconds(50), "loadtest-latency-probe",
            OnDecision, _ => Interlocked.Increment(ref _deadLetters));
    }

    public long Decisions => Interlocked.Read(ref _decisions);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public bool Assigned => _tail.Assigned;

    /// <summary>Latencies of clicks sent before this moment (Unix µs) are not recorded: the warm-up.</summary>
    public void RecordFrom(long unixMicros) => Interlocked.Exchange(ref _recordFromMicros, unixMicros);

    /// <summary>The histogram of the interval since the last call (per-second samples).</summary>
    public HistogramBase TakeInterval()
    {
        lock (_gate)
        {
            return _interval.GetIntervalHistogram();
        }
    }

    public LongHistogram Total
    {
        get
        {
            lock (_gate)
            {
                return (LongHistogram)_total.Copy();
            }
        }
    }

    private void OnDecision(ConsumeResult<string?, byte[]> r)
    {
        Interlocked.Increment(ref _decisions);
        if (r.Message.Headers is { } h && h.TryGetLastBytes(ConsumedRecord.SentAtHeader, out var bytes) && bytes.Length == sizeof(long))
        {
            var sent = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (sent < Interlocked.Read(ref _recordFromMicros))
            {
                return;
            }
            var latency = Math.Clamp(NowMicros() - sent, 1, _total.HighestTrackableValue);
            lock (_gate)
            {
                _interval.RecordValue(latency);
                _total.RecordValue(latency);
            }
        }
    }

    public static long NowMicros() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + DateTime.UtcNow.Ticks / 10 % 1000;

    public void Dispose() => _tail.Dispose();
}
