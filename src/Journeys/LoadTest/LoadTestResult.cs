namespace Journeys.LoadTest;

/// <summary>The outcome of one run at one rate. Latencies are end to end: producer send → decision consumed.</summary>
public sealed record LoadTestResult(
    double Rate,
    long Events,
    long Decisions,
    long DeadLetters,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    long LatencySamples,
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
    IReadOnlyList<LoadTestSample> Samples,
    IReadOnlyList<(double Percentile, double Ms)> Distribution)
{
    /// <summary>Every event was decided or dead-lettered and the engine kept up with the offered rate.</summary>
    public bool KeptUp => Decisions + DeadLetters >= Events && AchievedDecisionsPerSecond >= Rate * 0.95;
}
