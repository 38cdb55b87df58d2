using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// Kafka client errors as the engine's meter (<c>Journeys</c>) counts them, by client and librdkafka error code:
/// transient ones (a broker gone for a while) and fatal ones alike, so an operator sees them rise before anything stops.
/// </summary>
public static class KafkaMetrics
{
    private static readonly Meter Meter = new(Contracts.Diagnostics.JourneysMeter.Name);

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("journeys.kafka.errors", "{error}",
        "Errors reported by the Kafka clients, by client and error code");

    /// <summary>Counts an error of <paramref name="client"/> (<c>clicks</c>, <c>views</c>, <c>catalog</c> — the product feed's consumer, <c>producer</c>).</summary>
    public static void OnError(string client, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Errors.Add(1, new KeyValuePair<string, object?>("client", client), new KeyValuePair<string, object?>("code", error.Code.ToString()),
            new KeyValuePair<string, object?>("fatal", error.IsFatal));
    }
}
