namespace Journeys.LoadTest;

/// <summary>One second of a run: what was sent and decided, latency in that second, lag and the process's footprint.</summary>
public sealed record LoadTestSample(
    double Second,
    long Sent,
    long Decided,
    double DecisionsPerSecond,
    double P50Ms,
    double P99Ms,
    long Lag,
    double? CpuPercent,
    double? RssMb);
