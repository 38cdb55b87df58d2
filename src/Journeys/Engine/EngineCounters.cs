using HdrHistogram;

namespace Journeys.Engine;

/// <summary>
/// What the engine has done since start: events in, decisions and dead letters delivered, and the latency of every
/// decision (receive → handed to the producer) in an HDR histogram with microsecond resolution.
/// </summary>
public sealed class EngineCounters
{
    private long _received;
    private long _decisionsDelivered;
    private long _deadLettersDelivered;
    private long _alreadyApplied;
    private int _assignedPartitions;
    private readonly LongConcurrentHistogram _latencyMicros = new(1, TimeSpan.FromMinutes(10).Ticks / 10, 3);
    // The same latencies for per-interval readers (the load test's per-second samples and its steady window).
    private readonly Recorder _latencyInterval = new(1, TimeSpan.FromMinutes(10).Ticks / 10, 3,
        (id, low, high, digits) => new LongHistogram(id, low, high, digits));

    public long Received => Interlocked.Read(ref _received);

    public long DecisionsDelivered => Interlocked.Read(ref _decisionsDelivered);

    public long DeadLettersDelivered => Interlocked.Read(ref _deadLettersDelivered);

    /// <summary>Events consumed again whose session snapshot already covered them (after a restart or rebalance).</summary>
    public long AlreadyApplied => Interlocked.Read(ref _alreadyApplied);

    public void OnAlreadyApplied() => Interlocked.Increment(ref _alreadyApplied);

    /// <summary>Clicks partitions this engine owns now (assignments and revocations are incremental).</summary>
    public int AssignedPartitions => Volatile.Read(ref _assignedPartitions);

    public void OnPartitionsAssigned(int count) => Interlocked.Add(ref _assignedPartitions, count);

    public void OnPartitionsReleased(int count) => Interlocked.Add(ref _assignedPartitions, -count);

    public void OnReceived() => Interlocked.Increment(ref _received);

    public void OnDecisionDelivered() => Interlocked.Increment(ref _decisionsDelivered);

    public void OnDeadLetterDelivered() => Interlocked.Increment(ref _deadLettersDelivered);

    public void RecordLatency(TimeSpan latency)
    {
        var micros = Math.Clamp(latency.Ticks / 10, 1, _latencyMicros.HighestTrackableValue);
        _latencyMicros.RecordValue(micros);
        _latencyInterval.RecordValue(micros);
    }

    /// <summary>Decision latencies (µs, receive → handed to the producer) recorded since the previous call.</summary>
    public HistogramBase TakeLatencyInterval() => _latencyInterval.GetIntervalHistogram();

    /// <summary>Latency percentile in milliseconds (0 when nothing was recorded yet).</summary>
    public double LatencyMs(double percentile) =>
        _latencyMicros.TotalCount == 0 ? 0 : _latencyMicros.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxLatencyMs => _latencyMicros.TotalCount == 0 ? 0 : _latencyMicros.GetMaxValue() / 1000.0;
}
