using Confluent.Kafka;

namespace Journeys.Ingest.Kafka;

/// <summary>Kafka settings of the ingest path, bound from the configuration section <c>Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>host:port list of the brokers; no default, so a misconfigured host fails at start, not at first poll.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group; every Journeys instance joins the same one so partitions spread over instances.</summary>
    public string GroupId { get; set; } = "journeys";

    public string ClicksTopic { get; set; } = "journeys.clicks";

    public string DecisionsTopic { get; set; } = "journeys.decisions";

    public string DeadLetterTopic { get; set; } = "journeys.clicks.dlq";

    /// <summary>
    /// The product feed (key = productId, JSON ProductFeedItem; latest record per product wins; compact it in production).
    /// Every engine reads it whole from the beginning, like a table: costs, list prices, categories and stock. The key
    /// (<c>Kafka:CatalogTopic</c>) and the default topic name keep their "catalog"; it is the product feed's topic.
    /// </summary>
    public string CatalogTopic { get; set; } = "journeys.catalog";

    /// <summary>
    /// Records of one partition consumed and not yet acknowledged before that partition is paused. Bounds memory and
    /// what a rebalance must wait for; 1,000 keeps a partition busy through a model batch without hoarding a backlog
    /// that would take seconds to drain on revocation.
    /// </summary>
    public int MaxInFlightPerPartition { get; set; } = 1000;

    /// <summary>Records handed from the consumer thread to the stream and not yet pulled; beyond it every partition pauses.</summary>
    public int BufferSize { get; set; } = 1024;

    /// <summary>How often watermarks are committed; 1 s keeps redelivery after a crash to about a second of events.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a revocation waits for emitted records to be acknowledged before committing what is done; must stay
    /// well under max.poll.interval.ms (5 min) since the rebalance waits for it.
    /// </summary>
    public TimeSpan RevokeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Only read committed records of transactional producers; off by default since collectors do not use transactions.</summary>
    public bool ReadCommitted { get; set; }

    /// <summary>
    /// Producer linger (librdkafka's own default, 5 ms): decisions sent within it share a message set per partition.
    /// Fewer, larger message sets are cheaper for every broker and consumer downstream, and decisive on the in-process
    /// broker, which returns one message set per partition per fetch: with 1 ms its consumers could not keep up with the
    /// load test (docs/benchmarks). It costs at most this much of the decision budget, only when traffic is light.
    /// </summary>
    public double LingerMs { get; set; } = 5;

    /// <summary>Extra librdkafka consumer properties (e.g. security.protocol, sasl.*); the ingest path's own guarantees win over them.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>Extra librdkafka producer properties (e.g. security.protocol, sasl.*, compression.type).</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>
    /// Longest time a fetch waits for data (librdkafka's fetch.wait.max.ms, default 500). Decisions are promised within
    /// 50 ms, so the engine must not sit in a long poll; a real broker answers as soon as data arrives, so this only
    /// bounds how often an idle consumer asks. Chosen by measurement (docs/benchmarks: end-to-end latency fell, CPU did not
    /// rise measurably against the previous default); Kafka:Consumer:fetch.wait.max.ms overrides it.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 5;

    /// <summary>
    /// The consumer configuration: the pass-through settings first, then what the watermark design depends on
    /// (manual commits of completed offsets only, cooperative rebalancing).
    /// </summary>
    public ConsumerConfig ToConsumerConfig()
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(Consumer))
        {
            BootstrapServers = BootstrapServers,
            GroupId = GroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnablePartitionEof = false,
        };
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        config.FetchWaitMaxMs ??= FetchWaitMaxMs;
        if (ReadCommitted)
        {
            config.IsolationLevel = IsolationLevel.ReadCommitted;
        }
        return config;
    }

    /// <summary>The producer configuration: no acknowledged decision may be lost or duplicated by a retry.</summary>
    public ProducerConfig ToProducerConfig() =>
        new(new Dictionary<string, string>(Producer))
        {
            BootstrapServers = BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = LingerMs,
        };
}
