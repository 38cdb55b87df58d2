using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Ingest.Broker;
using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.Tests.Kafka;

/// <summary>One mock cluster and actor system per test class; every test uses its own topic and group.</summary>
public sealed class KafkaFixture : IDisposable
{
    public const int Partitions = 4;

    public KafkaFixture()
    {
        Broker = EmbeddedKafkaBroker.Start();
        System = ActorSystem.Create($"kafka-tests-{Guid.NewGuid():N}");
        Materializer = System.Materializer();
    }

    public EmbeddedKafkaBroker Broker { get; }

    public ActorSystem System { get; }

    public IMaterializer Materializer { get; }

    public KafkaOptions Options(string topic, string group) => new()
    {
        BootstrapServers = Broker.BootstrapServers,
        GroupId = group,
        ClicksTopic = topic,
        CommitInterval = TimeSpan.FromMilliseconds(100),
        RevokeTimeout = TimeSpan.FromSeconds(2),
        // The mock coordinator waits out a departed member's session before rebalancing, so restarts need a short one.
        Consumer = { ["session.timeout.ms"] = "2000", ["heartbeat.interval.ms"] = "200" },
    };

    public string NewTopic()
    {
        var topic = Unique.Topic();
        Broker.CreateTopic(topic, Partitions);
        return topic;
    }

    /// <summary>Writes <paramref name="perPartition"/> records to each partition explicitly, values "p{partition}-{i}".</summary>
    public void ProduceToEachPartition(string topic, int perPartition)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        for (var p = 0; p < Partitions; p++)
        {
            for (var i = 0; i < perPartition; i++)
            {
                producer.Produce(new TopicPartition(topic, p), new Message<string?, byte[]>
                {
                    Key = $"session-{p}",
                    Value = global::System.Text.Encoding.UTF8.GetBytes($"p{p}-{i}"),
                });
            }
        }
        var left = producer.Flush(TimeSpan.FromSeconds(10));
        Assert.True(left == 0, $"{left} records were not delivered to the mock cluster within 10 s");
    }

    /// <summary>Runs a source into a queue the test reads; the control stops it.</summary>
    public (KafkaSourceControl Control, ConcurrentQueue<ConsumedRecord> Received) Run(KafkaOptions options,
        Action<PartitionChange>? onChange = null)
    {
        var received = new ConcurrentQueue<ConsumedRecord>();
        var control = Source.FromGraph(new KafkaSource(options, onPartitionsChanged: onChange))
            .To(Sink.ForEach<ConsumedRecord>(received.Enqueue))
            .Run(Materializer);
        return (control, received);
    }

    /// <summary>What the group committed, asked by a separate consumer as a restarted instance would see it.</summary>
    public Dictionary<int, long> CommittedByGroup(string topic, string group) =>
        GroupOffsets.Committed(Broker.BootstrapServers, group, topic, Partitions);

    public void Dispose()
    {
#pragma warning disable VSTHRD002 // xUnit v2 disposes class fixtures synchronously: a bounded wait for the actors before the broker goes.
        System.Terminate().Wait(TimeSpan.FromSeconds(10));
#pragma warning restore VSTHRD002
        Broker.Dispose();
    }
}
