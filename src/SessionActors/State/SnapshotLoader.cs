using System.Diagnostics;
using System.Threading.Channels;
using Journeys.Contracts.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Journeys.SessionActors.State;

/// <summary>
/// Reads the snapshots of sessions that start, many per round trip: every session that starts while one read is out
/// joins the next, which asks Garnet for all of them at once. A session start then costs a share of a round trip
/// instead of one of its own — with a million shoppers nearly every event starts a session. While Garnet is
/// unreachable the reads are retried with backoff, and the sessions wait (their events wait in their mailboxes).
/// </summary>
public sealed partial class SnapshotLoader : IAsyncDisposable, IStateAvailability
{
    /// <summary>Most sessions in one read.</summary>
    public const int MaxBatch = 1024;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private readonly GarnetSessionStore _store;
    private readonly ILogger _log;
    private readonly Channel<(string SessionId, ISnapshotListener Listener)> _requests =
        Channel.CreateUnbounded<(string, ISnapshotListener)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _loaded;
    private long _reads;
    // A read that takes longer than this (failing and retried, or just slow) means Garnet is unreachable for now.
    private static readonly TimeSpan SlowRead = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    // Stopwatch timestamps: when the read in progress started (0 if none), and when the last slow one ended.
    private long _readStarted;
    private long _slowReadEnded;

    public SnapshotLoader(GarnetSessionStore store, ILogger<SnapshotLoader> log)
    {
        _store = store;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Whether starting sessions are waiting for an unreachable (or very slow) Garnet right now: a read has been out for
    /// over a second. Their events wait too — a known, logged wait that the engine's stuck-session check
    /// (<c>Sessions:ReplyTimeout</c>) does not count.
    /// </summary>
    public bool WaitingForStore
    {
        get
        {
            var started = Volatile.Read(ref _readStarted);
            return started != 0 && Stopwatch.GetElapsedTime(started) > SlowRead;
        }
    }

    /// <summary>When Garnet last answered a slow or failed read (Stopwatch timestamp), 0 if none was.</summary>
    public long StoreReachableSince => WaitingForStore ? Stopwatch.GetTimestamp() : Volatile.Read(ref _slowReadEnded);

    /// <summary>Sessions loaded so far, and in how many reads.</summary>
    public (long Sessions, long Reads) Loaded => (Interlocked.Read(ref _loaded), Interlocked.Read(ref _reads));

    /// <summary>Queues a session's read; <paramref name="listener"/> hears the result.</summary>
    public void Load(string sessionId, ISnapshotListener listener)
    {
        var queued = _requests.Writer.TryWrite((sessionId, listener));
        ObjectDisposedException.ThrowIf(!queued, this);
    }

    private async Task RunAsync()
    {
        var ids = new List<string>(MaxBatch);
        var listeners = new List<ISnapshotListener>(MaxBatch);
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (ids.Count < MaxBatch && reader.TryRead(out var request))
            {
                ids.Add(request.SessionId);
                listeners.Add(request.Listener);
            }
            if (await ReadWithRetryAsync(ids).ConfigureAwait(false) is not { } results)
            {
                // Stopped while Garnet was unreachable: the waiting sessions are abandoned with their engine, unanswered
                // (answering them with "no snapshot" would start them over).
                return;
            }
            var started = StageClock.Start();
            for (var i = 0; i < ids.Count; i++)
            {
                SessionSnapshot? snapshot = null;
                InvalidDataException? unreadable = null;
                if (results[i] is { } bytes)
                {
                    try
                    {
                        snapshot = SessionSnapshotCodec.Decode(bytes);
                    }
                    catch (InvalidDataException e)
                    {
                        unreadable = e;
                    }
                }
                listeners[i].OnLoaded(snapshot, unreadable);
            }
            StageClock.Stop(EngineStage.StateWrite, started);
            Interlocked.Add(ref _loaded, ids.Count);
            Interlocked.Increment(ref _reads);
            ids.Clear();
            listeners.Clear();
        }
    }

    /// <summary>The stored snapshots, retried until Garnet answers; null when the loader is stopped first.</summary>
    private async Task<IReadOnlyList<byte[]?>?> ReadWithRetryAsync(List<string> ids)
    {
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _readStarted, started);
        try
        {
            return await ReadAsync(ids).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            if (Stopwatch.GetElapsedTime(started) > SlowRead)
            {
                Volatile.Write(ref _slowReadEnded, Stopwatch.GetTimestamp());
            }
            Volatile.Write(ref _readStarted, 0);
        }
    }

    private async Task<IReadOnlyList<byte[]?>> ReadAsync(List<string> ids)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var values = await _store.LoadManyAsync(ids, _stop.Token).ConfigureAwait(false);
                if (attempt > 1)
                {
                    LogReachable(ids.Count, attempt);
                }
                return values;
            }
#pragma warning disable CA1031 // Any store failure is retried: a session cannot start without knowing its past.
            catch (Exception e) when (!_stop.IsCancellationRequested)
#pragma warning restore CA1031
            {
                if (attempt == 1 || attempt % 10 == 0)
                {
                    LogWaiting(ids.Count, attempt, e.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 10 << Math.Min(attempt, 7))), _stop.Token).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garnet answered again: {Sessions} waiting sessions start (after {Attempt} attempts)")]
    private partial void LogReachable(int sessions, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sessions} starting sessions wait for Garnet to load their snapshots (attempt {Attempt}): {Error}")]
    private partial void LogWaiting(int sessions, int attempt, string error);
}
