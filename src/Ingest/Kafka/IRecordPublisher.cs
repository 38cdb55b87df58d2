using Confluent.Kafka;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// Where the engine hands the result of each consumed record (its decision or its dead letter): Kafka in production (<see cref="KafkaPublisher"/>),
/// an in-process sink in the load test's engine-only mode. A delivery report of success means the record is durably
/// written; the engine completes the consumed record on it, and only then.
/// </summary>
public interface IRecordPublisher : IDisposable
{
    /// <summary>Raised when the publisher can deliver nothing more; the engine must stop instead of acknowledging work.</summary>
    event Action<Error>? FatalError;

    /// <summary>
    /// Queues a result. <paramref name="origin"/> is the click it is the result of, whose send time (if any) travels on with it
    /// so the sender can measure end-to-end latency. <paramref name="onDelivered"/> runs on a delivery thread with null
    /// on success or the error; it must be quick and must not throw.
    /// </summary>
    void PublishResult(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered);

    /// <summary>Waits for queued records to be delivered; returns how many are still undelivered.</summary>
    int Flush(TimeSpan timeout);
}
