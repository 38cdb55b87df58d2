using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.Kafka;

namespace Journeys.Engine;

/// <summary>
/// What the engine reads clicks and the product feed from and publishes its results (decisions and dead letters) to:
/// Kafka (<see cref="KafkaTransport"/>, always in production), or the load test's in-process source and publisher, which
/// run the same engine without a broker so that its own cost can be measured.
/// </summary>
internal interface IEngineTransport
{
    /// <summary>Where the engine reads, for its start-up log line.</summary>
    string Description { get; }

    /// <summary>The clicks; <paramref name="onPartitionsChanged"/> hears about assignments and revocations.</summary>
    Source<ConsumedRecord, IClickSourceControl> Clicks(Action<PartitionChange> onPartitionsChanged);

    IRecordPublisher CreatePublisher();

    /// <summary>
    /// A reader of every partition of the clicks topic for the views, not started yet; null when this transport has
    /// none (then the views are fed the clicks the sessions get, and are not saved). Dispose stops it and completes
    /// its records.
    /// </summary>
    ViewRecordConsumer? ViewRecords();

    /// <summary>
    /// Starts reading the product feed into <paramref name="onItem"/> (invalid records to <paramref name="onInvalid"/>);
    /// the returned handle's task completes when the feed as it stood at start has been read. Dispose stops it.
    /// </summary>
    (IDisposable Reader, Task CaughtUp) StartProductFeed(Action<ProductFeedItem> onItem,
        Action<ConsumeResult<string?, byte[]>, DeadLetterReason, string> onInvalid);
}
