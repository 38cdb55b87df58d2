using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;
using Journeys.Engine;
using Journeys.Ingest.Kafka;

namespace Journeys.LoadTest.InProcess;

/// <summary>
/// The engine without a broker: clicks from an <see cref="InProcessClickLog"/>, answers to an
/// <see cref="InProcessOutcomeSink"/>, and the product feed from a list read up front. Everything between — decode,
/// sessions, batcher, advice, Garnet state, views, watermarks — is the engine as <c>journeys serve</c> runs it.
/// </summary>
internal sealed class InProcessTransport : IEngineTransport
{
    private readonly IReadOnlyList<ProductFeedItem> _feed;

    public InProcessTransport(InProcessClickLog clicks, InProcessOutcomeSink outcomes, IReadOnlyList<ProductFeedItem> feed)
    {
        Log = clicks;
        Sink = outcomes;
        _feed = feed;
    }

    public InProcessClickLog Log { get; }

    public InProcessOutcomeSink Sink { get; }

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

    /// <summary>The sink outlives the engine (the load test reads it after the engine stopped): not owned by the engine.</summary>
    public IRecordPublisher CreatePublisher() => new Unowned(Sink);

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

    private sealed class Unowned(InProcessOutcomeSink sink) : IRecordPublisher
    {
        public event Action<Error>? FatalError
        {
            add => sink.FatalError += value;
            remove => sink.FatalError -= value;
        }

        public void PublishAnswer(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered) =>
            sink.PublishAnswer(topic, key, value, origin, onDelivered);

        public int Flush(TimeSpan timeout) => sink.Flush(timeout);

        public void Dispose()
        {
        }
    }
}
