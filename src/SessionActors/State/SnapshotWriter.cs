using Journeys.Contracts.Diagnostics;
using Journeys.SessionActors.Sessions;
using Microsoft.Extensions.Logging;

namespace Journeys.SessionActors.State;

/// <summary>
/// Write-behind for session snapshots. Sessions hand over a snapshot after each event and go on deciding; every
/// <see cref="StateOptions.FlushInterval"/> the latest snapshot of each changed session is written in one pipelined
/// batch, and only then are the events it covers told that their state is durable (which lets their offsets be
/// committed). When Garnet is down, snapshots keep coalescing in memory (one per changed session), the write is
/// retried with backoff, and commits wait — nothing is acknowledged that a restart could not rebuild.
/// </summary>
public sealed partial class SnapshotWriter : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private readonly GarnetSessionStore _store;
    private readonly TimeSpan _interval;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private Dictionary<string, Dirty> _dirty = new(StringComparer.Ordinal);
    // The batch being written: still the newest copy of its sessions until the write succeeds.
    private Dictionary<string, Dirty>? _inFlight;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _written;
    private long _batches;
    // This engine's epoch for each partition it was assigned (acquired in the background); kept after a release, so
    // writes still queued from before it go out with the old epoch and are refused if a newer owner took over.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Task<long>> _epochs = new();

    public SnapshotWriter(GarnetSessionStore store, TimeSpan interval, ILogger<SnapshotWriter> log)
    {
        _store = store;
        _interval = interval;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Snapshots written to the store so far, and in how many batches.</summary>
    public (long Snapshots, long Batches) Written => (Interlocked.Read(ref _written), Interlocked.Read(ref _batches));

    /// <summary>Sessions whose latest snapshot is not yet written.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count;
            }
        }
    }

    /// <summary>
    /// Whether this writer holds the session's newest state, not yet written: a session restarted in this process
    /// (passivated and woken again) must continue from it, not from the older one in Garnet. A null
    /// <paramref name="snapshot"/> with true means the session was erased.
    /// </summary>
    public bool TryGetUnwritten(string sessionId, out SessionSnapshot? snapshot)
    {
        lock (_gate)
        {
            if (_dirty.TryGetValue(sessionId, out var entry) || (_inFlight is { } batch && batch.TryGetValue(sessionId, out entry)))
            {
                snapshot = entry.Write.Decode();
                return true;
            }
        }
        snapshot = null;
        return false;
    }

    /// <summary>
    /// This engine now owns these partitions: each gets a new epoch in Garnet (acquired in the background, retried while
    /// Garnet is unreachable), which from then on fences the previous owner's writes; this engine's writes of a
    /// partition wait for its epoch.
    /// </summary>
    public void OnPartitionsAssigned(IEnumerable<int> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            _epochs[partition] = AcquireEpochAsync(partition);
        }
    }

    /// <summary>
    /// The session's latest decision (the JSON sent to Kafka) if this writer still holds its newest snapshot unwritten:
    /// newer than what Garnet has. False when the writer holds nothing of the session (then Garnet has its latest).
    /// </summary>
    public bool TryGetUnwrittenDecision(string sessionId, out byte[]? decision)
    {
        lock (_gate)
        {
            if (_dirty.TryGetValue(sessionId, out var entry) || (_inFlight is { } batch && batch.TryGetValue(sessionId, out entry)))
            {
                decision = entry.Write.LatestDecision;
                return decision is not null;
            }
        }
        decision = null;
        return false;
    }

    /// <summary>This engine's epoch of <paramref name="partition"/> (still being acquired, perhaps), or null when it never owned it.</summary>
#pragma warning disable VSTHRD200 // A lookup of the task acquiring the epoch, not an operation it starts.
    public Task<long>? EpochOf(int partition) => _epochs.TryGetValue(partition, out var epoch) ? epoch : null;
#pragma warning restore VSTHRD200

    private async Task<long> AcquireEpochAsync(int partition)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var epoch = await _store.AcquireEpochAsync(partition, _stop.Token).ConfigureAwait(false);
                LogEpoch(partition, epoch);
                return epoch;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested && e is not OutOfMemoryException)
            {
                if (attempt == 1 || attempt % 20 == 0)
                {
                    LogWaiting(0, attempt, $"epoch of partition {partition}: {e.Message}");
                }
                await Task.Delay(TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _interval.Ticks << Math.Min(attempt, 16))), _stop.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The epochs of the partitions in the batch (waiting for any still being acquired).</summary>
    private async Task<IReadOnlyDictionary<int, long>> EpochsAsync(Dictionary<string, Dirty> batch)
    {
        Dictionary<int, long>? epochs = null;
        foreach (var entry in batch.Values)
        {
            var partition = entry.Write.Partition;
            if (partition >= 0 && (epochs is null || !epochs.ContainsKey(partition)) && _epochs.TryGetValue(partition, out var epoch))
            {
                epochs ??= [];
                epochs[partition] = await epoch.ConfigureAwait(false);
            }
        }
        return epochs ?? (IReadOnlyDictionary<int, long>)System.Collections.Frozen.FrozenDictionary<int, long>.Empty;
    }

    /// <summary>
    /// Erases the session: whatever of it is queued is dropped and its keys are deleted by the next write, after any
    /// write of it already under way — so nothing this engine queued earlier can bring it back.
    /// </summary>
    public void Erase(string sessionId) => Enqueue(SnapshotWrite.Erasure(sessionId), covered: null);

    /// <summary>
    /// Queues a session's snapshot, replacing one not yet written; <paramref name="covered"/> is told once a snapshot
    /// at least this recent is durable.
    /// </summary>
    public void Enqueue(SnapshotWrite write, ISessionReplySink? covered)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (!_dirty.TryGetValue(write.SessionId, out var entry))
            {
                _dirty[write.SessionId] = entry = new Dirty(write);
            }
            entry.Merge(write);
            if (covered is not null)
            {
                entry.Waiters.Add(covered);
            }
        }
    }

    private async Task RunAsync()
    {
        var failures = 0;
        using var timer = new PeriodicTimer(_interval);
        while (await WaitAsync(timer))
        {
            Dictionary<string, Dirty> batch;
            lock (_gate)
            {
                if (_dirty.Count == 0)
                {
                    continue;
                }
                batch = _dirty;
                _inFlight = batch;
                _dirty = new Dictionary<string, Dirty>(StringComparer.Ordinal);
            }
            try
            {
                var epochs = await EpochsAsync(batch).ConfigureAwait(false);
                var started = StageClock.Start();
                var writeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                var saving = _store.SaveAsync([.. batch.Values.Select(d => d.Write)], epochs, _stop.Token);
                StageClock.Stop(EngineStage.StateWrite, started);
                var refused = await saving;
                SessionMetrics.StateWriteDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(writeStarted).TotalSeconds);
                lock (_gate)
                {
                    _inFlight = null;
                }
                if (refused.Count > 0)
                {
                    // Another engine owns these partitions now and wrote after taking them: its state stands. Their
                    // events are not told their state is durable, so their offsets are never committed from here.
                    var dropped = batch.Where(d => refused.Contains(d.Value.Write.Partition)).Select(d => d.Key).ToList();
                    foreach (var id in dropped)
                    {
                        batch.Remove(id);
                    }
                    LogFenced(string.Join(',', refused), dropped.Count);
                    SessionMetrics.StateWritesFenced.Add(dropped.Count);
                }
                Interlocked.Add(ref _written, batch.Count);
                SessionMetrics.StateWrites.Add(batch.Count);
                Interlocked.Increment(ref _batches);
                if (failures > 0)
                {
                    LogRecovered(failures);
                }
                failures = 0;
                foreach (var entry in batch.Values)
                {
                    foreach (var waiter in entry.Waiters)
                    {
                        waiter.OnStateDurable();
                    }
                }
            }
#pragma warning disable CA1031 // Any store failure is retried: the snapshots go back and newer ones replace them.
            catch (Exception e) when (!_stop.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failures++;
                SessionMetrics.StateWriteErrors.Add(1);
                Requeue(batch);
                if (failures == 1 || failures % 20 == 0)
                {
                    LogWaiting(batch.Count, failures, e.Message);
                }
                var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _interval.Ticks << Math.Min(failures, 16)));
                await Task.Delay(backoff).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A failed batch goes back under what arrived meanwhile: newer snapshots win, every waiter stays.</summary>
    private void Requeue(Dictionary<string, Dirty> failed)
    {
        lock (_gate)
        {
            _inFlight = null;
            foreach (var (id, old) in failed)
            {
                if (_dirty.TryGetValue(id, out var newer))
                {
                    newer.Waiters.InsertRange(0, old.Waiters);
                    newer.KeepDecisionFrom(old);
                }
                else
                {
                    _dirty[id] = old;
                }
            }
        }
    }

    /// <summary>Writes what is queued (bounded by <paramref name="timeout"/>) and stops.</summary>
    public async Task FlushAndStopAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(_interval).ConfigureAwait(false);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for Garnet: {Sessions} session snapshots unwritten (attempt {Attempt}: {Error}); decisions go on, offset commits wait")]
    private partial void LogWaiting(int sessions, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: epoch {Epoch}; writes of earlier owners are refused from now on")]
    private partial void LogEpoch(int partition, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partitions {Partitions} have a newer owner: {Sessions} stale session snapshots refused by Garnet and dropped here")]
    private partial void LogFenced(string partitions, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garnet is back after {Attempts} failed snapshot writes; commits resume")]
    private partial void LogRecovered(int attempts);

    private sealed class Dirty(SnapshotWrite write)
    {
        public SnapshotWrite Write { get; private set; } = write;

        public List<ISessionReplySink> Waiters { get; } = [];

        public void Merge(SnapshotWrite newer) =>
            Write = Combine(newer, Write);

        public void KeepDecisionFrom(Dirty older) => Write = Combine(Write, older.Write);

        /// <summary>
        /// The newer write wins, but keeps what only the older one carries: a latest decision, and a user to index
        /// (the older write's index entry would otherwise never be written).
        /// </summary>
        private static SnapshotWrite Combine(SnapshotWrite newer, SnapshotWrite older) =>
            newer.Core is null || older.Core is null
                ? newer
                : newer with
                {
                    LatestDecision = newer.LatestDecision ?? older.LatestDecision,
                    UserId = newer.UserId ?? older.UserId,
                };
    }
}
