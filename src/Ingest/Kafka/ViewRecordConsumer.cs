using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// Reads every partition of the clicks topic for the catalog and forecast views, whatever partitions the engine's
/// group gave this engine: each engine's views see the whole stream (like a Kafka Streams global table), so with several
/// engines each decides with every engine's clicks. It never joins the group and never commits; where it starts is
/// given per partition (the offsets the views' saved state covers), else the group's committed offset (where the
/// sessions go on from), else <c>auto.offset.reset</c>. One dedicated thread owns the consumer and hands records to a
/// bounded channel: a slow view holds the reader back, never the decisions.
/// </summary>
public sealed class ViewRecordConsumer : IDisposable
{
    private const int Capacity = 8192;
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options;
    private IReadOnlyDictionary<int, long> _start = new Dictionary<int, long>();
    private readonly ILogger _log;
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly Channel<ViewRecord> _records = Channel.CreateBounded<ViewRecord>(
        new BoundedChannelOptions(Capacity) { SingleWriter = true, SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    /// <param name="options">The engine's Kafka settings (bootstrap, topic, group, pass-through consumer settings).</param>
    public ViewRecordConsumer(KafkaOptions options, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
        var config = options.ToConsumerConfig();
        // The group id only finds the group's committed offsets: assigned partitions never join the group, and
        // nothing is committed.
        config.PartitionAssignmentStrategy = null;
        config.EnableAutoCommit = false;
        config.ClientId = $"{options.GroupId}.views";
        _consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, e) =>
            {
                KafkaMetrics.OnError("views", e);
                _log.LogWarning("View consumer: {Reason}", e.Reason);
            })
            .SetLogHandler((_, _) => { })
            .Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "Journeys.ViewClicks" };
    }

    /// <summary>The records, in each partition's order; completes when the consumer stops.</summary>
    public ChannelReader<ViewRecord> Records => _records.Reader;

    /// <summary>Starts reading; <paramref name="start"/> gives per partition the first offset to read (partitions not
    /// named start at the group's committed offset).</summary>
    public void Start(IReadOnlyDictionary<int, long> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _start = start;
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            var partitions = WaitForPartitions();
            if (partitions is null) return;
            var committed = Committed(partitions);
            var assignment = partitions.Select(p =>
                _start.TryGetValue(p.Partition.Value, out var next) ? new TopicPartitionOffset(p, new Offset(next))
                : committed.TryGetValue(p.Partition.Value, out var offset) ? new TopicPartitionOffset(p, offset)
                : new TopicPartitionOffset(p, Offset.Unset)).ToList();
            _consumer.Assign(assignment);
            _log.LogInformation("Views read all {Partitions} partitions of {Topic}: {Restored} from their saved state, {Committed} from the group's committed offsets, the rest from auto.offset.reset",
                assignment.Count, _options.ClicksTopic, assignment.Count(a => _start.ContainsKey(a.Partition.Value)),
                assignment.Count(a => !_start.ContainsKey(a.Partition.Value) && committed.ContainsKey(a.Partition.Value)));
            while (!_stop.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]>? result;
                try
                {
                    result = _consumer.Consume(_stop.Token);
                }
                catch (ConsumeException e)
                {
                    _log.LogWarning("View consumer: {Reason}", e.Error.Reason);
                    continue;
                }
                if (result is null || result.IsPartitionEOF) continue;
                var record = new ViewRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value ?? []);
                while (!_records.Writer.TryWrite(record))
                {
#pragma warning disable VSTHRD002 // The reader's own thread, not a pool thread: a full channel holds it back by design.
                    _records.Writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // The views' reader must report, not crash the process: decisions go on with the views as they are.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "View consumer stopped; the catalog and forecast views stay as they are until a restart");
        }
        finally
        {
            _records.Writer.TryComplete();
        }
    }

    /// <summary>The clicks topic's partitions, once it exists (null when stopped first).</summary>
    private List<TopicPartition>? WaitForPartitions()
    {
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        for (var attempt = 1; !_stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var topic = admin.GetMetadata(_options.ClicksTopic, MetadataTimeout).Topics
                    .FirstOrDefault(t => t.Topic == _options.ClicksTopic && !t.Error.IsError && t.Partitions.Count > 0);
                if (topic is not null)
                {
                    return [.. topic.Partitions.Select(p => new TopicPartition(_options.ClicksTopic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
                }
            }
            catch (KafkaException e)
            {
                if (attempt % 10 == 1) _log.LogWarning("Views waiting for the metadata of {Topic}: {Reason}", _options.ClicksTopic, e.Error.Reason);
            }
            _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Min(5, attempt)));
        }
        return null;
    }

    /// <summary>The group's committed offsets of those partitions that have one (retried while the coordinator is away).</summary>
    private Dictionary<int, Offset> Committed(List<TopicPartition> partitions)
    {
        var needed = partitions.Where(p => !_start.ContainsKey(p.Partition.Value)).ToList();
        for (var attempt = 1; needed.Count > 0 && !_stop.IsCancellationRequested; attempt++)
        {
            try
            {
                return _consumer.Committed(needed, MetadataTimeout)
                    .Where(c => c.Offset != Offset.Unset && c.Offset.Value >= 0)
                    .ToDictionary(c => c.Partition.Value, c => c.Offset);
            }
            catch (KafkaException e)
            {
                if (attempt % 10 == 1) _log.LogWarning("Views waiting for the group's committed offsets: {Reason}", e.Error.Reason);
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Min(5, attempt)));
            }
        }
        return [];
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(10));
        if (!_thread.IsAlive) _records.Writer.TryComplete();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
