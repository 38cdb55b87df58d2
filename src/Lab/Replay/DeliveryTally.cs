using Confluent.Kafka;
using Journeys.Ingest.Kafka;

namespace Journeys.Lab.Replay;

/// <summary>A producer's delivery reports counted: delivered, failed, and the first failure's reason. Thread-safe.</summary>
public sealed class DeliveryTally
{
    private long _delivered;
    private long _failed;
    private string? _firstError;

    public DeliveryTally() => Report = OnDelivered;

    /// <summary>The callback to give <see cref="KafkaPublisher.Publish(string, string?, byte[], Headers?, Action{Error?})"/> (one instance, made once).</summary>
    public Action<Error?> Report { get; }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstError => Volatile.Read(ref _firstError);

    private void OnDelivered(Error? error)
    {
        if (error is null || !error.IsError)
        {
            Interlocked.Increment(ref _delivered);
            return;
        }
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, error.Reason, null);
    }
}
