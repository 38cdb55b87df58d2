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
public sealed partial class SnapshotLoader : IAsyncDisposable
{
    /// <summary>Most sessions in one read.</summary>
    public const int MaxBatch = 1024;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private readonly ISessionStore _store;
    private readonly ILogger _log;
    private readonly Channel<(string SessionId, ISnapshotListener Listener)> _requests =
        Channel.CreateUnbounded<(string, ISnapshotListener)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _loaded;
    private long _reads;

    public SnapshotLoader(ISessionStore store, ILogger<SnapshotLoader> log)
    {
        _store = store;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Sessions loaded so far, and in how many reads.</summary>
    public (long Sessions, long Reads) Loaded => (Interlocked.Read(ref _loaded), Interlocked.Read(ref _reads));

    /// <summary>Queues a session's read; <paramref name="listener"/> hears the result.</summary>
    public void Load(string sessionId, ISnapshotListener listener)
    {
        if (!_requests.Writer.TryWrite((sessionId, listener)))
        {
            throw new ObjectDisposedException(nameof(SnapshotLoader));
        }
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
            var results = await ReadWithRetryAsync(ids).ConfigureAwait(false);
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

    private async Task<IReadOnlyList<byte[]?>> ReadWithRetryAsync(List<string> ids)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _store.LoadManyAsync(ids, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any store failure is retried: a session cannot start without knowing its past.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (attempt == 1 || attempt % 10 == 0)
                {
                    LogWaiting(ids.Count, attempt, e.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 10 << Math.Min(attempt, 7)))).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sessions} starting sessions wait for Garnet to load their snapshots (attempt {Attempt}): {Error}")]
    private partial void LogWaiting(int sessions, int attempt, string error);
}
