using Confluent.Kafka;

namespace Journeys.Ingest.Kafka;

/// <summary>The materialized value of <see cref="KafkaSource"/>: stop it, await it, and look at its progress.</summary>
public sealed class KafkaSourceControl : IClickSourceControl
{
    private readonly ConsumerLoop _loop;

    internal KafkaSourceControl(ConsumerLoop loop) => _loop = loop;

    /// <summary>Completes when the consumer is closed; faults when it stopped on an error.</summary>
    public Task Completion => _loop.Completion;

    public IReadOnlyCollection<TopicPartition> Assignment => _loop.Assignment;

    /// <summary>The last committed offset (the next one to read) per partition.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => _loop.Committed;

    /// <summary>Per assigned partition, the end of its log as of the latest fetch (refreshed every commit interval).</summary>
    public IReadOnlyDictionary<TopicPartition, long> HighWatermarks => _loop.HighWatermarks;

    public long Consumed => _loop.Consumed;

    /// <summary>Successful commit requests.</summary>
    public long Commits => _loop.Commits;

    /// <summary>Records consumed and not yet completed, over every owned partition.</summary>
    public int InFlight => _loop.Watermarks.TotalInFlight;

    /// <summary>
    /// Stops consuming and completes the stream, waits up to <paramref name="drainTimeout"/> for records already emitted
    /// to complete, commits the final watermarks and closes the consumer (leaving the group).
    /// </summary>
    public Task StopAsync(TimeSpan drainTimeout)
    {
        _loop.RequestStop(drainTimeout);
        return _loop.Completion;
    }
}
