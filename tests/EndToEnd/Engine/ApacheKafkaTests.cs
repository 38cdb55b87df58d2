using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Journeys.Contracts.Events;
using Journeys.Demo;
using Journeys.Engine.Hosting;
using Testcontainers.Kafka;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>The engine against a real Apache Kafka broker in a container (skipped where Docker is absent).</summary>
public sealed class ApacheKafkaTests
{
    [DockerFact]
    public async Task The_engine_decides_every_event_against_Apache_Kafka()
    {
        await using var kafka = new KafkaBuilder("apache/kafka:4.1.0").Build();
        await kafka.StartAsync();
        var bootstrap = kafka.GetBootstrapAddress();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            await admin.CreateTopicsAsync(
            [
                new TopicSpecification { Name = "journeys.clicks", NumPartitions = 4, ReplicationFactor = 1 },
                new TopicSpecification { Name = "journeys.decisions", NumPartitions = 4, ReplicationFactor = 1 },
                new TopicSpecification { Name = "journeys.clicks.dlq", NumPartitions = 1, ReplicationFactor = 1 },
            ]);
        }
        using var engine = JourneysHost.CreateBuilder(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = bootstrap, ["State:Durability"] = "none", ["Http:Urls"] = "none" }, BundledData.SampleEvents).Build();
        await engine.StartAsync();

        var events = Shoppers.Sessions(sessions: 20, eventsPerSession: 10, seed: 3);
        using (var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            foreach (var e in events)
            {
                producer.Produce("journeys.clicks", new Message<string?, byte[]> { Key = e.SessionId, Value = ClickEventCodec.Encode(e) });
            }
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "e2e-reader", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("journeys.decisions");
        var decided = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (decided.Count < events.Count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } r)
            {
                decided.Add(System.Text.Json.JsonSerializer.Deserialize(r.Message.Value,
                    Journeys.Contracts.Json.JourneysJsonContext.Default.Decision)!.EventId);
            }
        }
        await engine.StopAsync();

        Assert.Equal(events.Select(e => e.EventId).Order(), decided.Order());
    }
}
