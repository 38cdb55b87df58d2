namespace Journeys.LoadTest;

/// <summary>
/// The result of one run at one rate. <see cref="Latency"/> is the run's headline latency: the engine's own
/// (received → handed to the in-process publisher) without a broker, end to end (send → decision consumed) through Kafka.
/// </summary>
public sealed record LoadTestResult(
    string Mode,
    double Rate,
    long Events,
    long Decisions,
    long DeadLetters,
    LatencySummary Latency,
    LatencySummary? EngineLatency,
    LatencySummary? EndToEndLatency,
    int Sessions,
    long SessionsStarted,
    int? LiveSessions,
    double AchievedDecisionsPerSecond,
    double? RssMb,
    double? CpuPercent,
    double? BatchMean,
    int? BatchP99,
    int? BatchMax,
    long MaxLag,
    long? SnapshotsWritten,
    long? SnapshotBatches,
    CostBreakdown? Cost,
    LatencySummary? GcPauses,
    IReadOnlyList<LoadTestSample> Samples,
    IReadOnlyList<(double Percentile, double Ms)> Distribution)
{
    public double P50Ms => Latency.P50;
    public double P90Ms => Latency.P90;
    public double P99Ms => Latency.P99;
    public double P999Ms => Latency.P999;
    public double MaxMs => Latency.Max;
    public long LatencySamples => Latency.Count;

    /// <summary>What ran the in-process engine's model step (Scoring:Backend resolved: torch or onnx); null for an engine at --bootstrap.</summary>
    public string? Backend { get; init; }

    /// <summary>Every event was decided or dead-lettered and the engine kept up with the offered rate.</summary>
    public bool KeptUp => Decisions + DeadLetters >= Events && AchievedDecisionsPerSecond >= Rate * 0.95;
}
