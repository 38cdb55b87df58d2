using System.Buffers.Binary;
using Confluent.Kafka;
using HdrHistogram;
using Journeys.Ingest.Kafka;

namespace Journeys.LoadTest;

/// <summary>
/// Reads decisions as the load tester's downstream and measures end-to-end latency: from the producer's send time
/// (the <see cref="ConsumedRecord.SentAtHeader"/> the engine copies from the click to its decision) to the decision
/// arriving here. Both clocks are this process's, so no clock skew enters. Dead letters are counted too.
/// </summary>
internal sealed class LatencyProbe : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Recorder _interval = new(1, 120_000_000, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, 120_000_000, 3);
    private readonly Lock _gate = new();
    private readonly string _decisionsTopic;
    private long _decisions;
    private long _deadLetters;
    private long _recordFromMicros = long.MaxValue;

    public LatencyProbe(string bootstrap, string decisionsTopic, string deadLetterTopic)
    {
        _decisionsTopic = decisionsTopic;
        _consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"journeys-loadtest-{Guid.NewGuid():N}",
            // Only what this load test causes: start at the end of the topics.
            AutoOffsetReset = AutoOffsetReset.Latest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        _consumer.Subscribe([decisionsTopic, deadLetterTopic]);
        _thread = new Thread(Run) { IsBackground = true, Name = "loadtest-latency-probe" };
        _thread.Start();
    }

    public long Decisions => Interlocked.Read(ref _decisions);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public bool Assigned => _consumer.Assignment.Count > 0;

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

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string?, byte[]>? r;
            try
            {
                r = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
            catch (ConsumeException)
            {
                continue;
            }
            if (r?.Message is null)
            {
                continue;
            }
            if (r.Topic != _decisionsTopic)
            {
                Interlocked.Increment(ref _deadLetters);
                continue;
            }
            Interlocked.Increment(ref _decisions);
            if (r.Message.Headers is { } h && h.TryGetLastBytes(ConsumedRecord.SentAtHeader, out var bytes) && bytes.Length == sizeof(long))
            {
                var sent = BinaryPrimitives.ReadInt64BigEndian(bytes);
                if (sent < Interlocked.Read(ref _recordFromMicros))
                {
                    continue;
                }
                var latency = Math.Clamp(NowMicros() - sent, 1, _total.HighestTrackableValue);
                lock (_gate)
                {
                    _interval.RecordValue(latency);
                    _total.RecordValue(latency);
                }
            }
        }
    }

    public static long NowMicros() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + DateTime.UtcNow.Ticks / 10 % 1000;

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
