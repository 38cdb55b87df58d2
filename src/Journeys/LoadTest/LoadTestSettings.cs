namespace Journeys.LoadTest;

/// <summary>What one load-test run does (see <c>journeys loadtest --help</c>).</summary>
/// <param name="Bootstrap">A running engine's Kafka; null starts the engine in this process.</param>
/// <param name="SourceFile">A dataset to fit the synthetic shoppers from (null: the bundled REES46 sample).</param>
/// <param name="BatchMax">Scoring:MaxBatch for the in-process engine (null: its default).</param>
/// <param name="NoBroker">Run the in-process engine without Kafka: clicks from an in-process log, decisions and dead
/// letters to an in-process publisher (the engine's own cost, apart from the broker's and the harness's).</param>
/// <param name="Partitions">Partitions of the clicks topic (in-process broker or log).</param>
/// <param name="EngineSettings">Extra configuration of the in-process engine (same keys as appsettings.json).</param>
/// <param name="ClickLingerMs">Linger of the load generator's Kafka producer.</param>
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
    bool NoBroker = false,
    int Partitions = LoadTestSettings.DefaultPartitions,
    IReadOnlyDictionary<string, string?>? EngineSettings = null,
    double ClickLingerMs = LoadTestSettings.DefaultClickLingerMs,
    string ClicksTopic = "journeys.clicks",
    string DecisionsTopic = "journeys.decisions",
    string DeadLetterTopic = "journeys.clicks.dlq",
    string CatalogTopic = "journeys.catalog",
    string EngineGroup = "journeys")
{
    public const int DefaultPartitions = 4;

    /// <summary>The load generator's producer linger: librdkafka's own default, what a collector would run with.</summary>
    public const double DefaultClickLingerMs = 5;

    /// <summary>"no-broker" (engine only), "broker" (in-process broker and engine) or "external" (an engine at --bootstrap).</summary>
    public string Mode => NoBroker ? "no-broker" : Bootstrap is null ? "broker" : "external";
}
