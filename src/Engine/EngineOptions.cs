using System.ComponentModel.DataAnnotations;

namespace Journeys.Engine;

/// <summary>Settings of the decision pipeline (configuration section <c>Engine</c>).</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Engine";

    /// <summary>
    /// Events being decided at once across all sessions. It must comfortably exceed Scoring:MaxBatch (8× by default),
    /// or the batcher never sees enough concurrent steps to fill a batch; a larger value only makes the burst of new
    /// sessions at start-up bigger.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Engine:MaxInFlight must be between 1 and 1000000.")]
    public int MaxInFlight { get; set; } = 1024;

    /// <summary>On shutdown, how long in-flight events may take to finish before the engine stops without them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Engine:DrainTimeout must be between 0 and 10 minutes.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Dead-letter a record whose Kafka key is not its event's sessionId. A session split across partitions loses its
    /// ordering guarantee, so the default is strict. Records without a key are accepted either way.
    /// </summary>
    public bool RequireKeyMatchesSession { get; set; } = true;

    /// <summary>
    /// At start, how long the engine waits to have read the product feed (Kafka:CatalogTopic) before deciding: decisions
    /// made earlier would price without costs. After it, the engine starts anyway (and says so); the feed keeps loading.
    /// The key keeps its name "Catalog…"; it is the product feed's.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Engine:CatalogCatchUpTimeout must be between 0 and 10 minutes.")]
    public TimeSpan CatalogCatchUpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the catalog and forecast views save their state (with the offsets it covers) to Garnet while clicks
    /// arrive; also once at a clean stop. After a crash the views restore the last save and re-read the clicks after
    /// it, so a shorter interval means less to re-read, a longer one fewer writes of the whole view.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Engine:ViewCheckpointInterval must be between 100 ms and 1 hour (e.g. 00:01:00).")]
    public TimeSpan ViewCheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At start, how long the views wait for Garnet to read their saved state before starting empty (and saying so).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Engine:ViewRestoreTimeout must be between 0 and 10 minutes.")]
    public TimeSpan ViewRestoreTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
