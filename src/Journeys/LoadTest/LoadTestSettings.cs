namespace Journeys.LoadTest;

/// <summary>What one load-test run does (see <c>journeys loadtest --help</c>).</summary>
/// <param name="Bootstrap">A running engine's Kafka; null starts broker and engine in this process.</param>
/// <param name="SourceFile">A dataset to fit the synthetic shoppers from (null: the bundled REES46 sample).</param>
/// <param name="BatchMax">Scoring:MaxBatch for the in-process engine (null: its default).</param>
public sealed record LoadTestSettings(
    double Rate,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Sessions,
    int Seed,
    string? Bootstrap,
    string? SourceFile,
    string SourceFormat,
    int? BatchMax,
    string ClicksTopic = "journeys.clicks",
    string DecisionsTopic = "journeys.decisions",
    string DeadLetterTopic = "journeys.clicks.dlq",
    string EngineGroup = "journeys");
