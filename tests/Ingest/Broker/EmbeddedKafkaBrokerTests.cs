using System.Text;
using Confluent.Kafka;
using Journeys.Ingest.Broker;

namespace Journeys.Ingest.Tests.Broker;

public class EmbeddedKafkaBrokerTests
{
    [Fact]
    public void Records_produced_to_the_mock_cluster_are_consumed_by_a_group()
    {
        using var broker = EmbeddedKafkaBroker.Start(brokers: 3);
        var topic = Unique.Topic();
        broker.CreateTopic(topic, partitions: 4, replicationFactor: 3);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"s{i % 10}", Value = $"v{i}" });
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        using var consumer = TopicReader.Subscribe(broker.BootstrapServers, topic, Unique.Group());
        var seen = TopicReader.DistinctValues(consumer, 100, TimeSpan.FromSeconds(15));
        Assert.True(seen.Count == 100, $"consumed {seen.Count} of 100 distinct records within 15 s");
        Assert.Equal(4, consumer.Assignment.Count);
        consumer.Close();
    }

    [Fact]
    public void Creating_a_topic_twice_names_the_mock_error()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = Unique.Topic();
        broker.CreateTopic(topic, partitions: 1);
        var error = Assert.Throws<InvalidOperationException>(() => broker.CreateTopic(topic, partitions: 1));
        Assert.Contains(topic, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_set_down_refuses_connections_until_set_up()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = Unique.Topic();
        broker.CreateTopic(topic, partitions: 1);
        broker.SetBrokerDown(1);
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            MessageTimeoutMs = 5000,
        }).Build();
        var delivery = producer.ProduceAsync(topic, new Message<Null, byte[]> { Value = Encoding.UTF8.GetBytes("x") });
        var early = await Task.WhenAny(delivery, Task.Delay(500));
        Assert.True(early != delivery, "a down broker must not accept a produce");
        broker.SetBrokerUp(1);
        var result = await delivery.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }
}
