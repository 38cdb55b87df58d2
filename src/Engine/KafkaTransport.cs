using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.Kafka;
using Journeys.Ingest.ProductFeed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Journeys.Engine;

/// <summary>The production transport: clicks, product feed, decisions and dead letters all on Kafka (<c>Kafka:*</c> settings).</summary>
internal sealed class KafkaTransport : IEngineTransport
{
    private readonly KafkaOptions _kafka;
    private readonly ILoggerFactory _loggers;

    public KafkaTransport(IOptions<KafkaOptions> kafka, ILoggerFactory loggers)
    {
        _kafka = kafka.Value;
        _loggers = loggers;
    }

    public string Description => $"{_kafka.ClicksTopic} at {_kafka.BootstrapServers} as group {_kafka.GroupId}";

    public Source<ConsumedRecord, IClickSourceControl> Clicks(Action<PartitionChange> onPartitionsChanged) =>
        Source.FromGraph(new KafkaSource(_kafka, _loggers.CreateLogger<KafkaSource>(), onPartitionsChanged: onPartitionsChanged))
            .MapMaterializedValue(control => (IClickSourceControl)control);

    public IRecordPublisher CreatePublisher() => new KafkaPublisher(_kafka, _loggers.CreateLogger<KafkaPublisher>());

    public ViewRecordConsumer? ViewRecords() => new ViewRecordConsumer(_kafka, _loggers.CreateLogger<ViewRecordConsumer>());

    public (IDisposable Reader, Task CaughtUp) StartProductFeed(Action<ProductFeedItem> onItem,
        Action<ConsumeResult<string?, byte[]>, DeadLetterReason, string> onInvalid)
    {
        var consumer = new ProductFeedConsumer(_kafka, onItem, onInvalid, _loggers.CreateLogger<ProductFeedConsumer>());
        consumer.Start();
        return (consumer, consumer.CaughtUp);
    }
}
