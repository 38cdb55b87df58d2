using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// Publishes decisions and dead letters with acks=all and idempotence, so a delivery report of success means the
/// record is durably written exactly once; the engine completes the consumed record in that report, and only then.
/// </summary>
public sealed partial class KafkaPublisher : IRecordPublisher
{
    private static readonly TimeSpan DisposeFlushTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<string?, byte[]> _producer;
    private readonly ILogger _logger;
    private int _disposed;

    /// <param name="producerFactory">Test seam; null builds the real producer with error and log handlers.</param>
    public KafkaPublisher(KafkaOptions options, ILogger? logger = null,
        Func<ProducerConfig, IProducer<string?, byte[]>>? producerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger.Instance;
        var config = options.ToProducerConfig();
        _producer = producerFactory is not null
            ? producerFactory(config)
            : new ProducerBuilder<string?, byte[]>(config)
                .SetErrorHandler((_, error) =>
                {
                    KafkaMetrics.OnError("producer", error);
                    OnError(error);
                })
                .SetLogHandler((_, message) => LogLibrdkafka(message.Level.ToString(), message.Facility, message.Message))
                .Build();
    }

    /// <summary>
    /// Raised (on a librdkafka thread) when the producer hit a fatal error: it will deliver nothing more, so the engine
    /// must stop consuming instead of acknowledging work that cannot be published.
    /// </summary>
    public event Action<Error>? FatalError;

    public Error? Fatal { get; private set; }

    /// <summary>
    /// Queues a record. <paramref name="onDelivered"/> runs on the producer's delivery thread with null on success or
    /// the error; it must be quick and must not throw.
    /// </summary>
    /// <exception cref="ProduceException{TKey, TValue}">The local queue refused the record (e.g. full or fatal state).</exception>
    public void Publish(string topic, string? key, byte[] value, Headers? headers, Action<Error?> onDelivered)
    {
        ArgumentNullException.ThrowIfNull(onDelivered);
        var message = new Message<string?, byte[]> { Key = key, Value = value, Headers = headers };
        _producer.Produce(topic, message, report =>
            onDelivered(report.Error.IsError ? report.Error : null));
    }

    /// <summary>
    /// Queues a result (decision or dead letter); the click's send-time header (if any) is copied onto it as it came.
    /// </summary>
    public void PublishResult(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered) =>
        Publish(topic, key, value, SentAtOf(origin), onDelivered);

    private static Headers? SentAtOf(ConsumedRecord? origin) =>
        origin?.Headers is { } headers && headers.TryGetLastBytes(ConsumedRecord.SentAtHeader, out var sentAt)
            ? new Headers { { ConsumedRecord.SentAtHeader, sentAt } }
            : null;

    /// <summary>Waits for queued records to be delivered; returns how many are still undelivered.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        var left = _producer.Flush(DisposeFlushTimeout);
        if (left > 0)
        {
            LogUndelivered(left);
        }
        _producer.Dispose();
    }

    private void OnError(Error error)
    {
        if (!error.IsFatal)
        {
            LogProducerError(error.Reason);
            return;
        }
        Fatal = error;
        LogFatal(error.Reason);
        FatalError?.Invoke(error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error: {Reason}")]
    private partial void LogProducerError(string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Kafka producer fatal error, nothing more will be delivered: {Reason}")]
    private partial void LogFatal(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer closed with {Count} records undelivered")]
    private partial void LogUndelivered(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Level} {Facility}: {Text}")]
    private partial void LogLibrdkafka(string level, string facility, string text);
}
