using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using HdrHistogram;
using Journeys.Contracts.Diagnostics;
using Journeys.Ingest.Kafka;

namespace Journeys.LoadTest.InProcess;

/// <summary>
/// The engine-only load test's stand-in for Kafka's producer: decisions and dead letters are queued by the engine and
/// "delivered" by one thread, in batches about a millisecond apart (like librdkafka's linger and delivery reports),
/// which records the end-to-end latency (scheduled send → delivered) and runs each delivery callback. The callbacks are
/// engine work (completing records, moving watermarks) and are timed as <see cref="EngineStage.Produce"/>; the rest of
/// this thread is the harness and is measured as such.
/// </summary>
internal sealed class InProcessPublisher : IRecordPublisher
{
    /// <summary>The delivery thread's name (its CPU is the harness's).</summary>
    public const string ThreadName = "loadtest-sink";

    private readonly ConcurrentQueue<Outgoing> _queue = new();
    private readonly string _decisionsTopic;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly Recorder _interval = new(1, 120_000_000, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private long _decisions;
    private long _deadLetters;
    private long _bytes;
    private long _recordFrom = long.MaxValue;
    private long _allocated;
    private long _callbackNanos;
    private volatile bool _stopping;
    private int _disposed;

    public InProcessPublisher(string decisionsTopic)
    {
        _decisionsTopic = decisionsTopic;
        _thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        _thread.Start();
    }

    public event Action<Error>? FatalError
    {
        // Nothing here fails: there is no broker to lose.
        add { }
        remove { }
    }

    public long Decisions => Interlocked.Read(ref _decisions);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Bytes of decisions and dead letters written by the engine.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Bytes the delivery thread itself allocated (harness).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>Time this thread spent in the engine's delivery callbacks (engine work, not the harness's).</summary>
    public TimeSpan CallbackTime => TimeSpan.FromTicks(Interlocked.Read(ref _callbackNanos) / 100);

    /// <summary>Latencies of clicks scheduled before this Stopwatch timestamp are not recorded (the warm-up).</summary>
    public void RecordFrom(long timestamp) => Interlocked.Exchange(ref _recordFrom, timestamp);

    /// <summary>End-to-end latencies (µs) recorded since the last call.</summary>
    public HistogramBase TakeInterval()
    {
        lock (_gate)
        {
            return _interval.GetIntervalHistogram();
        }
    }

    public void PublishResult(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered) =>
        _queue.Enqueue(new Outgoing(string.Equals(topic, _decisionsTopic, StringComparison.Ordinal), value.Length,
            origin?.SentAt ?? 0, onDelivered));

    public int Flush(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!_queue.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(1);
        }
        return _queue.Count;
    }

    private void Run()
    {
        var allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        while (!_stopping || !_queue.IsEmpty)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            var recordFrom = Interlocked.Read(ref _recordFrom);
            while (_queue.TryDequeue(out var o))
            {
                if (o.IsDecision)
                {
                    Interlocked.Increment(ref _decisions);
                    if (o.SentAt >= recordFrom)
                    {
                        var micros = Math.Clamp(Stopwatch.GetElapsedTime(o.SentAt, now).Ticks / 10, 1, 120_000_000);
                        lock (_gate)
                        {
                            _interval.RecordValue(micros);
                        }
                    }
                }
                else
                {
                    Interlocked.Increment(ref _deadLetters);
                }
                Interlocked.Add(ref _bytes, o.Length);
                var started = StageClock.Start();
                o.OnDelivered(null);
                Interlocked.Add(ref _callbackNanos, StageClock.Stop(EngineStage.Produce, started));
            }
            Interlocked.Exchange(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopping = true;
        _thread.Join();
    }

    private readonly record struct Outgoing(bool IsDecision, int Length, long SentAt, Action<Error?> OnDelivered);
}
