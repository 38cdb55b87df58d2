namespace Journeys.Demo;

/// <summary>The demo's summary; <see cref="DemoJson"/> writes it as the last stdout line with --json.</summary>
public sealed record DemoResult(
    long Events,
    long Decisions,
    long DeadLetters,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    double EventsPerSecond,
    TimeSpan Elapsed,
    string ModelVersion,
    int LiveSessions,
    double ManagedBytesPerSession,
    double BatchMean,
    int BatchP50,
    int BatchP99,
    int BatchMax,
    long Batches,
    IReadOnlyDictionary<string, int> DeadLetterReasons,
    IReadOnlyDictionary<string, int> RecommendationReasons,
    IReadOnlyDictionary<string, int> Guardrails,
    Journeys.Contracts.Decisions.Decision? SamplePriced,
    DemoPacing Pacing)
{
    /// <summary>The recommendation lists beyond accuracy (null when nothing was decided).</summary>
    public DemoLists? Lists { get; init; }
}
