using Confluent.Kafka;
using Journeys.Ingest.Broker;

namespace Journeys.Ingest.Tests.Broker;

public sealed class BootstrapForwarderTests
{
    [Fact]
    public async Task Clients_bootstrapping_through_the_forwarder_produce_and_consume()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = Unique.Topic();
        broker.CreateTopic(topic, partitions: 2);
        await using var forwarder = BootstrapForwarder.Start(0, broker.BootstrapServers);
        var bootstrap = $"127.0.0.1:{forwarder.Port}";

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            for (var i = 0; i < 20; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }
        using var consumer = TopicReader.Subscribe(bootstrap, topic, Unique.Group());
        var seen = TopicReader.DistinctValues(consumer, 20, TimeSpan.FromSeconds(15));
        consumer.Close();

        Assert.Equal(20, seen.Count);
    }

    [Fact]
    public async Task A_port_in_use_fails_with_a_message_naming_the_fix()
    {
        await using var first = BootstrapForwarder.Start(0, "127.0.0.1:9");

        var error = Assert.Throws<InvalidOperationException>(() => BootstrapForwarder.Start(first.Port, "127.0.0.1:9"));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
    }
}
