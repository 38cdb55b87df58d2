using Confluent.Kafka;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.Kafka;
using Microsoft.Extensions.Logging;

namespace Journeys.Ingest.ProductFeed;

/// <summary>
/// Reads the product feed topic whole, from the beginning, and keeps following it: each valid record goes to
/// <c>onItem</c>, each invalid one to <c>onInvalid</c> (the engine dead-letters it) — the feed is a table, so nothing is
/// committed and every engine holds all of it. One dedicated thread owns the consumer (a blocking Consume never runs on
/// the thread pool). <see cref="CaughtUp"/> completes once every partition's end present at start has been read, so the
/// engine can wait for prices before its first decision.
/// </summary>
public sealed class ProductFeedConsumer : IDisposable
{
    private static readonly TimeSpan TopicPollInterval = TimeSpan.FromSeconds(10);

    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly string _topic;
    private readonly Action<ProductFeedItem> _onItem;
    private readonly Action<ConsumeResult<string?, byte[]>, DeadLetterReason, string> _onInvalid;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private long _items;
    private long _invalid;

    public ProductFeedConsumer(KafkaOptions options, Action<ProductFeedItem> onItem,
        Action<ConsumeResult<string?, byte[]>, DeadLetterReason, string> onInvalid, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topic = options.CatalogTopic;
        _onItem = onItem;
        _onInvalid = onInvalid;
        _log = log;
        var config = new ConsumerConfig(new Dictionary<string, string>(options.Consumer))
        {
            BootstrapServers = options.BootstrapServers,
            // A group of its own per engine process: no offsets are committed, so each start reads the whole feed. (The
            // ".catalog." in the name is what operators have seen in their group lists; it stays.)
            GroupId = $"{options.GroupId}.catalog.{Environment.MachineName}.{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            AllowAutoCreateTopics = false,
        };
        _consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, e) =>
            {
                // The metric's client label stays "catalog" (dashboards count on it); it is this consumer.
                KafkaMetrics.OnError("catalog", e);
                _log.LogWarning("Product feed consumer: {Reason}", e.Reason);
            })
            .SetLogHandler((_, _) => { })
            .Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "Journeys.ProductFeed" };
    }

    /// <summary>Completes when the feed as it stood at start has been read (or the topic does not exist).</summary>
    public Task CaughtUp => _caughtUp.Task;

    public long Items => Interlocked.Read(ref _items);

    public long Invalid => Interlocked.Read(ref _invalid);

    public void Start() => _thread.Start();

    private void Run()
    {
        try
        {
            // Subscribing to a topic that does not exist makes librdkafka report an error on every metadata refresh:
            // wait for it quietly instead (a shop may start engines before its catalog service publishes).
            if (!TopicExists())
            {
                _log.LogInformation("Product feed topic {Topic} does not exist yet: prices use the click's price and the default margin until it does", _topic);
                _caughtUp.TrySetResult();
                while (!_stop.Token.WaitHandle.WaitOne(TopicPollInterval) && !TopicExists())
                {
                }
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                _log.LogInformation("Product feed topic {Topic} appeared; reading it", _topic);
            }
            _consumer.Subscribe(_topic);
            var atEnd = new HashSet<int>();
            while (!_stop.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]>? result;
                try
                {
                    result = _consumer.Consume(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (ConsumeException e)
                {
                    _log.LogWarning("Product feed consume error: {Reason}", e.Error.Reason);
                    continue;
                }
                if (result is null)
                {
                    continue;
                }
                if (result.IsPartitionEOF)
                {
                    atEnd.Add(result.Partition.Value);
                    if (!_caughtUp.Task.IsCompleted && _consumer.Assignment.All(p => atEnd.Contains(p.Partition.Value)))
                    {
                        _log.LogInformation("Product feed read: {Items} products ({Invalid} invalid records dead-lettered)", Items, Invalid);
                        _caughtUp.TrySetResult();
                    }
                    continue;
                }
                var (item, reason, detail) = ProductFeedItemCodec.Decode(result.Message.Value ?? []);
                if (item is null)
                {
                    Interlocked.Increment(ref _invalid);
                    _onInvalid(result, reason, detail!);
                    continue;
                }
                if (result.Message.Key is { } key && !string.Equals(key, item.ProductId, StringComparison.Ordinal))
                {
                    // Compaction keeps the latest record per key: a mismatched key would keep a stale row for this product.
                    Interlocked.Increment(ref _invalid);
                    _onInvalid(result, DeadLetterReason.InvalidValue, $"Kafka key '{key}' is not the record's productId '{item.ProductId}'");
                    continue;
                }
                Interlocked.Increment(ref _items);
                _onItem(item);
            }
        }
#pragma warning disable CA1031 // The feed thread must report, not crash the process; prices then stay as last read.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "Product feed consumer stopped; decisions keep the feed as last read");
            _caughtUp.TrySetResult();
        }
    }

    private bool TopicExists()
    {
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        var metadata = admin.GetMetadata(_topic, TimeSpan.FromSeconds(10));
        return metadata.Topics.Any(t => t.Topic == _topic && !t.Error.IsError && t.Partitions.Count > 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
