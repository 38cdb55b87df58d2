using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.Tests.Kafka;

public class KafkaPublisherTests : IClassFixture<KafkaFixture>
{
    private readonly KafkaFixture _kafka;

    public KafkaPublisherTests(KafkaFixture kafka) => _kafka = kafka;

    [Fact]
    public async Task Every_published_record_is_acknowledged_once_and_readable()
    {
        var topic = _kafka.NewTopic();
        var options = _kafka.Options(Unique.Topic(), Unique.Group());
        Assert.Equal(Acks.All, options.ToProducerConfig().Acks);
        Assert.True(options.ToProducerConfig().EnableIdempotence);

        var reports = new ConcurrentQueue<Error?>();
        using (var publisher = new KafkaPublisher(options))
        {
            for (var i = 0; i < 50; i++)
            {
                var headers = new Headers { { ConsumedRecord.SentAtHeader, BitConverter.GetBytes(i) } };
                publisher.Publish(topic, $"session-{i % 5}", Encoding.UTF8.GetBytes($"decision-{i}"), headers, reports.Enqueue);
            }
            Assert.Equal(0, publisher.Flush(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(50, reports.Count);
        Assert.All(reports, Assert.Null);

        var (control, received) = _kafka.Run(_kafka.Options(topic, Unique.Group()));
        await Poll.Until(() => received.Count == 50, TimeSpan.FromSeconds(10), () => $"read back {received.Count} of 50");
        await control.StopAsync(TimeSpan.Zero);
        Assert.Equal(50, received.Select(r => Encoding.UTF8.GetString(r.Value)).Distinct().Count());
    }

    [Fact]
    public void A_failed_delivery_reports_its_error_instead_of_success()
    {
        var options = _kafka.Options(Unique.Topic(), Unique.Group());
        options.Producer["message.timeout.ms"] = "300";
        options.BootstrapServers = "127.0.0.1:1";
        var reports = new ConcurrentQueue<Error?>();
        using var publisher = new KafkaPublisher(options);
        publisher.Publish("nowhere", "k", [1], null, reports.Enqueue);
        publisher.Flush(TimeSpan.FromSeconds(5));
        var report = Assert.Single(reports);
        Assert.NotNull(report);
    }
}
