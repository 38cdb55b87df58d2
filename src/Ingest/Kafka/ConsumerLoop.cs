using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Journeys.Ingest.Offsets;
using Microsoft.Extensions.Logging;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// The one thread that owns the consumer: it polls, registers records in the watermarks, pauses and resumes partitions
/// for backpressure, commits, and handles rebalances. Every consumer call happens here, since the consumer is not
/// thread-safe and rebalance callbacks run inside Consume and Close.
/// </summary>
internal sealed partial class ConsumerLoop
{
    private static readonly TimeSpan SlowRebalance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    // While something is paused, the loop must look at completions often enough that resuming is prompt.
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(5);

    private readonly KafkaOptions _options;
    private readonly ILogger _logger;
    private readonly Func<ConsumerConfig, IConsumer<string?, byte[]>>? _consumerFactory;
    private readonly Action<PartitionChange>? _onPartitionsChanged;
    private readonly OffsetWatermarks _watermarks = new();
    private readonly WatermarkCommitter _committer;
    private readonly ConcurrentDictionary<TopicPartition, byte> _assigned = new();
    private readonly ConcurrentDictionary<TopicPartition, long> _highWatermarks = new();
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stopGate = new();
    private Action<Exception?>? _onFinished;
    private TimeSpan? _drainTimeout;
    private long _consumed;
    private Error? _fatalError;
    private int _finished;

    public ConsumerLoop(KafkaOptions options, ILogger logger, Func<ConsumerConfig, IConsumer<string?, byte[]>>? consumerFactory,
        Action<PartitionChange>? onPartitionsChanged)
    {
        _options = options;
        _logger = logger;
        _consumerFactory = consumerFactory;
        _onPartitionsChanged = onPartitionsChanged;
        _committer = new WatermarkCommitter(_watermarks, logger);
    }

    public RecordBuffer Buffer { get; } = new();

    public Task Completion => _completion.Task;

    public IReadOnlyCollection<TopicPartition> Assignment => [.. _assigned.Keys];

    public IReadOnlyDictionary<TopicPartition, long> Committed => _committer.Committed;

    /// <summary>
    /// Per assigned partition, the end of its log as of the latest fetch (librdkafka's cached high watermark), refreshed
    /// by the consumer thread at every commit interval; with <see cref="Committed"/> it gives the lag.
    /// </summary>
    public IReadOnlyDictionary<TopicPartition, long> HighWatermarks => _highWatermarks;

    public long Consumed => Interlocked.Read(ref _consumed);

    public long Commits => _committer.Commits;

    public OffsetWatermarks Watermarks => _watermarks;

    public void Start(Action onAvailable, Action<Exception?> onFinished)
    {
        Buffer.OnAvailable(onAvailable);
        _onFinished = onFinished;
        var thread = new Thread(Run) { IsBackground = true, Name = $"kafka-consumer {_options.ClicksTopic}" };
        thread.Start();
    }

    /// <summary>Asks the loop to stop (<see cref="Completion"/> tells when it has); the first request's drain timeout wins.</summary>
    public void RequestStop(TimeSpan drainTimeout)
    {
        lock (_stopGate)
        {
            _drainTimeout ??= drainTimeout;
        }
    }

    private Error? FatalError
    {
        get { lock (_stopGate) { return _fatalError; } }
    }

    private bool StopRequested
    {
        get { lock (_stopGate) { return _drainTimeout is not null || _fatalError is not null; } }
    }

    private void Run()
    {
        IConsumer<string?, byte[]>? consumer = null;
        Exception? failure = null;
        try
        {
            consumer = BuildConsumer();
            consumer.Subscribe(_options.ClicksTopic);
            Poll(consumer);
            if (FatalError is { } fatal)
            {
                throw new KafkaException(fatal);
            }
            Drain(consumer);
        }
        catch (Exception ex)
        {
            failure = ex;
            LogConsumerFailed(ex);
        }
        finally
        {
            FinishStage(failure);
            Close(consumer);
            if (failure is null)
            {
                _completion.TrySetResult();
            }
            else
            {
                _completion.TrySetException(failure);
            }
        }
    }

    private IConsumer<string?, byte[]> BuildConsumer()
    {
        var config = _options.ToConsumerConfig();
        if (_consumerFactory is not null)
        {
            return _consumerFactory(config);
        }
        return new ConsumerBuilder<string?, byte[]>(config)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, [.. partitions.Select(p => p.TopicPartition)]))
            .SetPartitionsLostHandler((_, partitions) => OnLost([.. partitions.Select(p => p.TopicPartition)]))
            .SetErrorHandler((_, error) =>
            {
                KafkaMetrics.OnError("clicks", error);
                OnError(error);
            })
            .SetLogHandler((_, message) => LogLibrdkafka(message.Level.ToString(), message.Facility, message.Message))
            .Build();
    }

    private void Poll(IConsumer<string?, byte[]> consumer)
    {
        var nextCommit = Stopwatch.GetTimestamp() + ToTicks(_options.CommitInterval);
        while (!StopRequested)
        {
            ResumeDrained(consumer);
            if (Stopwatch.GetTimestamp() >= nextCommit)
            {
                _committer.Commit(consumer, _assigned.Keys, "interval");
                RefreshHighWatermarks(consumer);
                nextCommit = Stopwatch.GetTimestamp() + ToTicks(_options.CommitInterval);
            }
            ConsumeResult<string?, byte[]>? result;
            try
            {
                result = consumer.Consume(_paused.Count > 0 ? PausedPoll : IdlePoll);
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                // A single bad record or a transient fetch error: the consumer moves on by itself.
                LogConsumeError(ex.Error.Reason);
                continue;
            }
            if (result?.Message is null)
            {
                continue;
            }
            Accept(consumer, result);
        }
    }

    private void Accept(IConsumer<string?, byte[]> consumer, ConsumeResult<string?, byte[]> result)
    {
        var partition = result.TopicPartition;
        var watermark = _watermarks.Find(partition);
        if (watermark is null || !_assigned.ContainsKey(partition))
        {
            // Only reachable with a consumer built by a custom factory (no rebalance handlers): treat first sight
            // as the assignment so its offsets are still tracked.
            OnAssigned([partition]);
            watermark = _watermarks.Find(partition)!;
        }
        var epoch = watermark.Epoch;
        var sequence = watermark.Register(result.Offset.Value);
        Interlocked.Increment(ref _consumed);
        Buffer.Add(new ConsumedRecord(result, watermark, epoch, sequence, Stopwatch.GetTimestamp()));

        if (Buffer.Count >= _options.BufferSize)
        {
            Pause(consumer, [.. _assigned.Keys.Where(p => !_paused.Contains(p))]);
        }
        else if (watermark.InFlight >= _options.MaxInFlightPerPartition && !_paused.Contains(partition))
        {
            Pause(consumer, [partition]);
        }
    }

    private void Pause(IConsumer<string?, byte[]> consumer, List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }
        consumer.Pause(partitions);
        _paused.UnionWith(partitions);
    }

    /// <summary>Resumes paused partitions once they (and the buffer) drained below half, so pause/resume does not flap.</summary>
    private void ResumeDrained(IConsumer<string?, byte[]> consumer)
    {
        if (_paused.Count == 0 || Buffer.Count > _options.BufferSize / 2)
        {
            return;
        }
        var resumable = _paused
            .Where(p => (_watermarks.Find(p)?.InFlight ?? 0) <= _options.MaxInFlightPerPartition / 2)
            .ToList();
        if (resumable.Count == 0)
        {
            return;
        }
        consumer.Resume(resumable);
        _paused.ExceptWith(resumable);
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _watermarks.Assign(partition);
            _assigned[partition] = 0;
            // A fresh assignment starts unpaused in librdkafka.
            _paused.Remove(partition);
        }
        LogAssignment("assigned", partitions.Count, string.Join(", ", partitions));
        Notify(PartitionChangeKind.Assigned, partitions);
    }

    private void OnRevoked(IConsumer<string?, byte[]> consumer, List<TopicPartition> partitions)
    {
        var started = Stopwatch.GetTimestamp();
        var watermarks = partitions.Select(_watermarks.Find).OfType<PartitionWatermark>().ToList();
        // Buffered records of these partitions are now refused by the stage (dropped, left incomplete).
        foreach (var watermark in watermarks)
        {
            watermark.StopAccepting();
        }
        WaitForEmitted(watermarks, StopRequested ? TimeSpan.Zero : _options.RevokeTimeout);
        _committer.Commit(consumer, partitions, "revoke");
        Forget(partitions, watermarks);
        LogAssignment("revoked", partitions.Count, string.Join(", ", partitions));
        WarnIfSlow("revoke", started);
        Notify(PartitionChangeKind.Revoked, partitions);
    }

    private void OnLost(List<TopicPartition> partitions)
    {
        // Another member may own these already: committing would overwrite its progress.
        Forget(partitions, [.. partitions.Select(_watermarks.Find).OfType<PartitionWatermark>()]);
        LogAssignment("lost", partitions.Count, string.Join(", ", partitions));
        Notify(PartitionChangeKind.Lost, partitions);
    }

    private void Forget(List<TopicPartition> partitions, List<PartitionWatermark> watermarks)
    {
        foreach (var watermark in watermarks)
        {
            watermark.EndEpoch();
        }
        foreach (var partition in partitions)
        {
            _assigned.TryRemove(partition, out _);
            _highWatermarks.TryRemove(partition, out _);
            _paused.Remove(partition);
        }
    }

    /// <summary>Cached high watermarks (no request to the broker); a partition not fetched yet has none.</summary>
    private void RefreshHighWatermarks(IConsumer<string?, byte[]> consumer)
    {
        foreach (var partition in _assigned.Keys)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            if (high.Value >= 0) _highWatermarks[partition] = high.Value;
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            lock (_stopGate)
            {
                _fatalError = error;
            }
            return;
        }
        LogConsumeError(error.Reason);
    }

    /// <summary>Stop: no more records downstream, wait for the emitted ones, commit what is done.</summary>
    private void Drain(IConsumer<string?, byte[]> consumer)
    {
        TimeSpan timeout;
        lock (_stopGate)
        {
            timeout = _drainTimeout ?? TimeSpan.Zero;
        }
        var watermarks = _assigned.Keys.Select(_watermarks.Find).OfType<PartitionWatermark>().ToList();
        foreach (var watermark in watermarks)
        {
            watermark.StopAccepting();
        }
        FinishStage(null);
        WaitForEmitted(watermarks, timeout);
        _committer.Commit(consumer, _assigned.Keys, "stop");
    }

    private void FinishStage(Exception? failure)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _onFinished?.Invoke(failure);
        }
    }

    private static void WaitForEmitted(List<PartitionWatermark> watermarks, TimeSpan timeout)
    {
        // Completions come from producer delivery threads; a short sleep-poll keeps this free of extra signalling
        // on the hot path, and only runs during rebalances and shutdown.
        var deadline = Stopwatch.GetTimestamp() + ToTicks(timeout);
        while (watermarks.Any(w => w.EmittedInFlight > 0) && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(1);
        }
    }

    private void Close(IConsumer<string?, byte[]>? consumer)
    {
        if (consumer is null)
        {
            return;
        }
        try
        {
            if (FatalError is null)
            {
                // Leaves the group now (runs the revoke handler) instead of making it wait for a session timeout.
                consumer.Close();
            }
        }
        catch (KafkaException ex)
        {
            LogConsumeError(ex.Error.Reason);
        }
        finally
        {
            consumer.Dispose();
        }
    }

    private void Notify(PartitionChangeKind kind, List<TopicPartition> partitions)
    {
        if (_onPartitionsChanged is null || partitions.Count == 0)
        {
            return;
        }
        try
        {
            _onPartitionsChanged(new PartitionChange(kind, partitions));
        }
#pragma warning disable CA1031 // A subscriber's bug must not break the rebalance protocol.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHookFailed(kind, ex);
        }
    }

    private void WarnIfSlow(string what, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > SlowRebalance)
        {
            LogSlowRebalance(what, elapsed.TotalMilliseconds);
        }
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka partitions {Change} ({Count}): {Partitions}")]
    private partial void LogAssignment(string change, int count, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {What} handler took {ElapsedMs:F0} ms; the rebalance waited for it")]
    private partial void LogSlowRebalance(string what, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer error: {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer stopped on an error")]
    private partial void LogConsumerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition change handler ({Kind}) threw")]
    private partial void LogHookFailed(PartitionChangeKind kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Level} {Facility}: {Text}")]
    private partial void LogLibrdkafka(string level, string facility, string text);
}
