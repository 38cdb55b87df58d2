using System.Collections.Concurrent;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Demo;
using Journeys.Engine.Hosting;
using Journeys.Ingest.Broker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journeys.EndToEnd.Tests;

/// <summary>
/// The real engine (the same host `journeys serve` runs) on an in-process Kafka-protocol broker, with topics and a
/// consumer group of its own, plus a producer for clicks and a downstream consumer that collects decisions and dead
/// letters. No component of Journeys is faked.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public const int Partitions = 4;

    private readonly IProducer<string?, byte[]> _producer;
    private readonly DecisionWatcher _collector;

    public EngineHarness(EmbeddedKafkaBroker broker)
    {
        Broker = broker;
        var id = Guid.NewGuid().ToString("N")[..12];
        Clicks = $"clicks-{id}";
        DecisionsTopic = $"decisions-{id}";
        DeadLetterTopic = $"dlq-{id}";
        CatalogTopic = $"catalog-{id}";
        Group = $"journeys-{id}";
        broker.CreateTopic(Clicks, Partitions);
        broker.CreateTopic(DecisionsTopic, Partitions);
        broker.CreateTopic(DeadLetterTopic, 1);
        broker.CreateTopic(CatalogTopic, 1);

        _producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
        }).Build();
        _collector = new DecisionWatcher(broker.BootstrapServers, DecisionsTopic, DeadLetterTopic, Decisions.Enqueue,
            DeadLetters.Enqueue);
    }

    public EmbeddedKafkaBroker Broker { get; }

    public string Clicks { get; }

    public string DecisionsTopic { get; }

    public string DeadLetterTopic { get; }

    public string Group { get; }

    /// <summary>The product feed topic the engine reads (empty unless a test publishes a feed).</summary>
    public string CatalogTopic { get; }

    public ConcurrentQueue<Decision> Decisions { get; } = new();

    public ConcurrentQueue<DeadLetter> DeadLetters { get; } = new();

    /// <summary>Where each produced record landed: (partition, offset) by event id (or by payload index for raw records).</summary>
    public ConcurrentDictionary<string, TopicPartitionOffset> Produced { get; } = new();

    public IHost StartEngine(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
            ["Kafka:GroupId"] = Group,
            ["Kafka:ClicksTopic"] = Clicks,
            ["Kafka:DecisionsTopic"] = DecisionsTopic,
            ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
            ["Kafka:CatalogTopic"] = CatalogTopic,
            ["Kafka:CommitInterval"] = "00:00:00.100",
            // The mock coordinator waits out a departed member's session before rebalancing: keep it short.
            ["Kafka:Consumer:session.timeout.ms"] = "2000",
            ["Kafka:Consumer:heartbeat.interval.ms"] = "200",
            ["Scoring:MaxWait"] = "00:00:00.001",
            // Tests that need state to outlive an engine give it a Garnet of their own (or a data directory).
            ["State:Durability"] = "none",
            // Tests run engines side by side: none listens on the default HTTP port unless it asks for a port.
            ["Http:Urls"] = "none",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        var host = JourneysHost.CreateBuilder(settings, BundledData.SampleEvents, logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()).Build();
        host.Start();
        return host;
    }

    /// <param name="headers">Record headers, e.g. the send time a load generator stamps (ConsumedRecord.SentAtHeader).</param>
    public void Produce(ClickEvent e, Headers? headers = null) => ProduceRaw(e.SessionId, ClickEventCodec.Encode(e), e.EventId, headers);

    public void ProduceRaw(string? key, byte[] payload, string label, Headers? headers = null) =>
        _producer.Produce(Clicks, new Message<string?, byte[]> { Key = key, Value = payload, Headers = headers }, report =>
        {
            if (report.Error.IsError)
            {
                throw new InvalidOperationException($"test producer failed: {report.Error.Reason}");
            }
            Produced[label] = report.TopicPartitionOffset;
        });

    public void Flush() => _producer.Flush(TimeSpan.FromSeconds(30));

    /// <summary>The offsets the engine's group has committed, per partition of the clicks topic.</summary>
    public Dictionary<int, long> CommittedOffsets() => GroupOffsets.Committed(Broker.BootstrapServers, Group, Clicks, Partitions);

    public void Dispose()
    {
        _collector.Dispose();
        _producer.Dispose();
    }
}
