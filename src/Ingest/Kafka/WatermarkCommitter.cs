using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Journeys.Ingest.Offsets;
using Microsoft.Extensions.Logging;

namespace Journeys.Ingest.Kafka;

/// <summary>Commits partition watermarks that moved; runs on the consumer thread only, as the consumer requires.</summary>
internal sealed partial class WatermarkCommitter
{
    private static readonly TimeSpan SlowCommit = TimeSpan.FromMilliseconds(500);

    private readonly OffsetWatermarks _watermarks;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<TopicPartition, long> _committed = new();
    private long _commits;

    public WatermarkCommitter(OffsetWatermarks watermarks, ILogger logger)
    {
        _watermarks = watermarks;
        _logger = logger;
    }

    /// <summary>Last offset (next to read) committed per partition.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Committed => _committed;

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Commits each partition's watermark if it differs from the last commit. Non-fatal errors are logged and the
    /// next interval retries; a fatal error propagates so the consumer stops.
    /// </summary>
    public void Commit(IConsumer<string?, byte[]> consumer, IEnumerable<TopicPartition> partitions, string reason)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            if (_watermarks.Find(partition)?.Committable is { } next
                && (!_committed.TryGetValue(partition, out var last) || last != next))
            {
                offsets.Add(new TopicPartitionOffset(partition, next));
            }
        }
        if (offsets.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            consumer.Commit(offsets);
            Record(offsets);
        }
        catch (TopicPartitionOffsetException ex) when (!ex.Error.IsFatal)
        {
            // Some partitions failed (typically not owned any more); the others did commit.
            Record(ex.Results.Where(r => !r.Error.IsError).Select(r => r.TopicPartitionOffset));
            LogCommitFailed(reason, ex.Error.Reason);
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            LogCommitFailed(reason, ex.Error.Reason);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > SlowCommit)
        {
            LogSlowCommit(reason, offsets.Count, elapsed.TotalMilliseconds);
        }
    }

    private void Record(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            _committed[offset.TopicPartition] = offset.Offset.Value;
        }
        Interlocked.Increment(ref _commits);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka commit ({Reason}) failed, will retry at the next interval: {Error}")]
    private partial void LogCommitFailed(string reason, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka commit ({Reason}) of {Partitions} partitions took {ElapsedMs:F0} ms")]
    private partial void LogSlowCommit(string reason, int partitions, double elapsedMs);
}
