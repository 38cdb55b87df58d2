using System.Diagnostics.Metrics;
using System.Text.Json;
using HdrHistogram;
using Journeys.Contracts.Decisions;

namespace Journeys.Engine;

/// <summary>
/// What the engine has done since start: events in, decisions and dead letters delivered, and the latency of every
/// decision (receive → handed to the producer) in an HDR histogram with microsecond resolution.
/// <para>
/// The same figures as instruments of the engine's meter (<see cref="Contracts.Diagnostics.JourneysMeter"/>) (exported on <c>/metrics</c> by the HTTP
/// surface): running totals are observed when scraped; dead letters by reason and the latency distribution are recorded
/// as they happen. Names are the project's (<c>journeys.</c>), units UCUM, as OpenTelemetry asks.
/// </para>
/// </summary>
public sealed class EngineCounters : IDisposable
{
    private readonly Meter? _meter;
    private readonly Counter<long>? _deadLetters;
    private readonly Histogram<double>? _decisionDuration;
    private readonly Histogram<double>? _endToEndDuration;
    private readonly Counter<long>? _stages;
    private readonly Histogram<double>? _conversion;
    private readonly Histogram<double>? _friction;
    private readonly Counter<long>? _offers;
    private readonly Counter<long>? _recommendations;

    // The stages' names as the decision JSON writes them, so counting one allocates nothing.
    private static readonly string[] StageNames = [.. Enum.GetValues<JourneyStage>().Select(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()))];
    private long _received;
    private long _decisionsDelivered;
    private long _deadLettersDelivered;
    private long _alreadyApplied;
    private int _assignedPartitions;
    private readonly LongConcurrentHistogram _latencyMicros = new(1, TimeSpan.FromMinutes(10).Ticks / 10, 3);
    // The same latencies for per-interval readers (the load test's per-second samples and its steady window).
    private readonly Recorder _latencyInterval = new(1, TimeSpan.FromMinutes(10).Ticks / 10, 3,
        (id, low, high, digits) => new LongHistogram(id, low, high, digits));

    public EngineCounters()
    {
    }

    /// <param name="meters">Where the engine's meter comes from (one per host, so two engines in one process keep apart).</param>
    public EngineCounters(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Contracts.Diagnostics.JourneysMeter.Name);
        _meter.CreateObservableCounter("journeys.events.received", () => Received, "{event}", "Click records received from Kafka");
        _meter.CreateObservableCounter("journeys.decisions", () => DecisionsDelivered, "{decision}", "Decisions delivered to Kafka");
        _meter.CreateObservableCounter("journeys.events.already_applied", () => AlreadyApplied, "{event}",
            "Events consumed again whose session state already covered them (after a restart or rebalance)");
        _meter.CreateObservableUpDownCounter("journeys.partitions.assigned", () => AssignedPartitions, "{partition}",
            "Clicks partitions this engine owns");
        _deadLetters = _meter.CreateCounter<long>("journeys.dead_letters", "{record}",
            "Records refused and delivered to the dead-letter topic, by reason");
        _decisionDuration = _meter.CreateHistogram<double>("journeys.decision.duration", "s",
            "Time from receiving a click to handing its decision to the producer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        double[] shares = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
        _stages = _meter.CreateCounter<long>("journeys.decision.stages", "{decision}", "Decisions by journey stage");
        _conversion = _meter.CreateHistogram<double>("journeys.decision.conversion", "1", "Conversion probability of each decision",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = shares });
        _friction = _meter.CreateHistogram<double>("journeys.decision.friction", "1", "Friction score of each decision",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = shares });
        _offers = _meter.CreateCounter<long>("journeys.price.offers", "{offer}", "Price offers by the guardrail that bound them");
        _recommendations = _meter.CreateCounter<long>("journeys.recommendations", "{recommendation}", "Recommendations made, by reason");
        _endToEndDuration = _meter.CreateHistogram<double>("journeys.decision.end_to_end.duration", "s",
            "Time from the click's send time (its journeys-sent-at header, Unix microseconds) to handing its decision to the producer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    /// <summary>The most recommended products of late with their reasons (the dashboard's; not metric labels).</summary>
    public TopRecommendations Recommended { get; } = new();

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

    public void OnDeadLetterDelivered(string reason)
    {
        Interlocked.Increment(ref _deadLettersDelivered);
        _deadLetters?.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>What a decision said, for the dashboards: its stage, conversion and friction, its price's binding
    /// guardrail, its recommendations' reasons, and (in <see cref="Recommended"/>) its recommended products.</summary>
    public void OnDecided(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_meter is null) return;
        _stages!.Add(1, new KeyValuePair<string, object?>("stage", StageNames[(int)decision.Stage]));
        _conversion!.Record(decision.ConversionProbability);
        _friction!.Record(decision.FrictionScore);
        if (decision.Price is { } price) _offers!.Add(1, new KeyValuePair<string, object?>("guardrail", price.Guardrail));
        foreach (var r in decision.Recommendations) _recommendations!.Add(1, new KeyValuePair<string, object?>("reason", r.Reason));
        Recommended.Add(decision);
    }

    /// <summary>
    /// A decision handed to the producer now for a click sent at <paramref name="sentAtUnixMicroseconds"/>. Values more
    /// than an hour off (another unit, or clocks apart) are not recorded: they would say nothing about the engine.
    /// </summary>
    public void RecordEndToEnd(long sentAtUnixMicroseconds)
    {
        var nowMicros = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var micros = nowMicros - sentAtUnixMicroseconds;
        if (micros is >= 0 and <= 3_600_000_000L) _endToEndDuration?.Record(micros / 1e6);
    }

    public void RecordLatency(TimeSpan latency)
    {
        _decisionDuration?.Record(latency.TotalSeconds);
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

    public void Dispose() => _meter?.Dispose();
}
