using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;
using Journeys.Engine;
using Journeys.Ingest.Kafka;

namespace Journeys.LoadTest.InProcess;

/// <summary>
/// The engine without a broker: clicks from an <see cref="InProcessClickLog"/>, decisions and dead letters
/// to an <see cref="InProcessPublisher"/>, and the product feed from a list read up front. Everything between — decode,
/// sessions, batcher, advice, Garnet state, views, watermarks — is the engine as <c>journeys serve</c> runs it.
/// </summary>
internal sealed class InProcessTransport : IEngineTransport
{
    private readonly IReadOnlyList<ProductFeedItem> _feed;

    public InProcessTransport(InProcessClickLog clicks, InProcessPublisher publisher, IReadOnlyList<ProductFeedItem> feed)
    {
        Log = clicks;
        Publisher = publisher;
        _feed = feed;
    }

    public InProcessClickLog Log { get; }

    public InProcessPublisher Publisher { get; }

    /// <summary>The source's control once the engine materialized it (its watermarks).</summary>
    public InProcessClickSource.Control? Control { get; private set; }

    public string Description => $"the in-process click log ({Log.Partitions} partitions; no broker)";

    public Source<ConsumedRecord, IClickSourceControl> Clicks(Action<PartitionChange> onPartitionsChanged) =>
        Source.FromGraph(new InProcessClickSource(Log, onPartitionsChanged))
            .MapMaterializedValue(control =>
            {
                Control = (InProcessClickSource.Control)control;
                return control;
            });

    /// <summary>The publisher outlives the engine (the load test reads it after the engine stopped): not owned by the engine.</summary>
    public IRecordPublisher CreatePublisher() => new Unowned(Publisher);

    /// <summary>The in-process log has one reader (the sessions' source): the views are fed what the sessions get.</summary>
    public ViewRecordConsumer? ViewRecords() => null;

    public (IDisposable Reader, Task CaughtUp) StartProductFeed(Action<ProductFeedItem> onItem,
        Action<ConsumeResult<string?, byte[]>, DeadLetterReason, string> onInvalid)
    {
        foreach (var item in _feed)
        {
            onItem(item);
        }
        return (new Nothing(), Task.CompletedTask);
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class Unowned(InProcessPublisher publisher) : IRecordPublisher
    {
        public event Action<Error>? FatalError
        {
            add => publisher.FatalError += value;
            remove => publisher.FatalError -= value;
        }

        public void PublishResult(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered) =>
            publisher.PublishResult(topic, key, value, origin, onDelivered);

        public int Flush(TimeSpan timeout) => publisher.Flush(timeout);

        public void Dispose()
        {
        }
    }
}
