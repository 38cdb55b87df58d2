using System.Buffers;
using StackExchange.Redis;

namespace Journeys.SessionActors.State;

/// <summary>
/// Session snapshots in Garnet over the Redis protocol. Keys (docs/configuration.md, "Session state in Garnet"):
/// <c>{prefix}:session:{sessionId}</c> holds the binary snapshot, <c>{prefix}:decision:{sessionId}</c> the latest
/// decision as JSON and <c>{prefix}:user:{userId}</c> the set of a user's session ids, all expiring one session idle
/// timeout after the last write; <c>{prefix}:erased:session:{id}</c> and <c>{prefix}:erased:user:{id}</c> record that
/// an erase happened (when, how many sessions; no data) and do not expire. Erases are announced on the pub/sub channel
/// <c>{prefix}:erase</c> so engines drop what they hold of the session.
/// </summary>
public sealed class GarnetSessionStore : IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    // Snapshot writes have a connection of their own: replies come back in order on a connection, so a read of starting
    // sessions would otherwise wait behind a batch of writes that a durable Garnet answers only once they are on disk.
    // Safe because the writer holds a snapshot until its write is answered, and a starting session asks the writer first.
    private readonly ConnectionMultiplexer _writeConnection;
    private readonly IDatabase _writes;
    private readonly string _prefix;
    private readonly TimeSpan _ttl;
    // Snapshots of the batch being written (SaveAsync is called by one writer, one batch at a time).
    private ArrayBufferWriter<byte> _composed = new(64 * 1024);

    public GarnetSessionStore(string endpoint, string? password, string prefix, TimeSpan ttl)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.Password = string.IsNullOrEmpty(password) ? null : password;
        // Keep trying in the background when Garnet is down; callers see failed commands and retry.
        options.AbortOnConnectFail = false;
        _connection = ConnectionMultiplexer.Connect(options);
        _db = _connection.GetDatabase();
        _writeConnection = ConnectionMultiplexer.Connect(options.Clone());
        _writes = _writeConnection.GetDatabase();
        _prefix = prefix;
        _ttl = ttl;
    }

    public string SessionKey(string sessionId) => $"{_prefix}:session:{sessionId}";

    public string DecisionKey(string sessionId) => $"{_prefix}:decision:{sessionId}";

    public string UserKey(string userId) => $"{_prefix}:user:{userId}";

    public string ErasedKey(string kind, string id) => $"{_prefix}:erased:{kind}:{id}";

    /// <summary>
    /// Where the engine publishes a live view (the catalog and forecast snapshots), for downstream services and
    /// operators: <c>{prefix}:view:{name}</c>, overwritten at each publish interval, no expiry.
    /// </summary>
    public string ViewKey(string name) => $"{_prefix}:view:{name}";

    public Task PublishViewAsync(string name, byte[] bytes) => _db.StringSetAsync(ViewKey(name), bytes);

    public async Task<byte[]?> ReadViewAsync(string name) => (byte[]?)await _db.StringGetAsync(ViewKey(name)).ConfigureAwait(false);

    /// <summary>
    /// Where a view's saved state lives: <c>{prefix}:view:{name}:state</c> names the current generation
    /// (<c>generation;chunks;length</c>), whose bytes are in <c>{prefix}:view:{name}:state:{generation}:{i}</c>, chunks
    /// of at most <see cref="ViewStateChunk"/> bytes (a Garnet record must fit a log page). No expiry.
    /// </summary>
    public string ViewStateKey(string name) => $"{_prefix}:view:{name}:state";

    /// <summary>The largest piece of a view state stored as one value.</summary>
    public const int ViewStateChunk = 4 << 20;

    /// <summary>
    /// Saves a view's state: its chunks under a new generation, then the pointer to it in a transaction fenced by
    /// <paramref name="fencePartition"/>'s epoch (only that partition's current owner saves views), then the previous
    /// generation's chunks are deleted. Returns false when the fence refused it (a newer owner saves now); readers see
    /// the previous state or this one, never a mix.
    /// </summary>
    public async Task<bool> SaveViewStateAsync(string name, byte[] state, int fencePartition, long epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var key = ViewStateKey(name);
        var generation = $"{epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        var chunks = Math.Max(1, (state.Length + ViewStateChunk - 1) / ViewStateChunk);
        var previous = ParseViewManifest(await _writes.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false));
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ViewStateChunk;
            var piece = state.AsMemory(start, Math.Min(ViewStateChunk, state.Length - start));
            await _writes.StringSetAsync($"{key}:{generation}:{i}", piece).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        var transaction = _writes.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(EpochKey(fencePartition), epoch));
        _ = transaction.StringSetAsync(key, $"{generation};{chunks};{state.Length}");
        var committed = await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var garbage = committed ? previous : (generation, chunks, state.Length);
        if (garbage is { } g)
        {
            await _writes.KeyDeleteAsync([.. Enumerable.Range(0, g.Chunks).Select(i => (RedisKey)$"{key}:{g.Generation}:{i}")])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return committed;
    }

    /// <summary>A view's saved state (<see cref="SaveViewStateAsync"/>), or null when none was saved.</summary>
    /// <exception cref="RedisException">Garnet did not answer, or the state kept changing while it was read.</exception>
    public async Task<byte[]?> ReadViewStateAsync(string name, CancellationToken cancellationToken)
    {
        var key = ViewStateKey(name);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (ParseViewManifest(await _db.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false)) is not { } manifest)
            {
                return null;
            }
            var pieces = await _db.StringGetAsync([.. Enumerable.Range(0, manifest.Chunks).Select(i => (RedisKey)$"{key}:{manifest.Generation}:{i}")])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            // A piece missing: a new generation replaced this one while it was read. Read the new one.
            if (pieces.Any(p => p.IsNull)) continue;
            var state = new byte[manifest.Length];
            var at = 0;
            foreach (var piece in pieces)
            {
                var bytes = (byte[])piece!;
                if (at + bytes.Length > state.Length) throw new RedisException($"The saved {name} view is longer than its manifest says");
                bytes.CopyTo(state, at);
                at += bytes.Length;
            }
            if (at != state.Length) throw new RedisException($"The saved {name} view is shorter than its manifest says");
            return state;
        }
        throw new RedisException($"The saved {name} view kept changing while it was read");
    }

    private static (string Generation, int Chunks, int Length)? ParseViewManifest(RedisValue value)
    {
        if (value.IsNull) return null;
        var parts = ((string)value!).Split(';');
        return parts.Length == 3
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var chunks)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            && chunks is > 0 and < 4096 && length >= 0
            ? (parts[0], chunks, length)
            : throw new RedisException($"Unreadable view-state manifest '{value}'");
    }

    private RedisChannel EraseChannel => RedisChannel.Literal($"{_prefix}:erase");

    /// <summary>The session's latest snapshot, or null when it has none (new, expired or erased).</summary>
    public async Task<SessionSnapshot?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var value = await _db.StringGetAsync(SessionKey(sessionId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : SessionSnapshotCodec.Decode((byte[])value!);
    }

    /// <summary>
    /// The stored snapshots (encoded) of many sessions at once, in the order asked; null where a session has none. One
    /// MGET for every session asked: a round trip shared by all of them.
    /// </summary>
    public async Task<IReadOnlyList<byte[]?>> LoadManyAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        var keys = new RedisKey[sessionIds.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = SessionKey(sessionIds[i]);
        }
        var values = await _db.StringGetAsync(keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        var result = new byte[]?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i].IsNull ? null : (byte[])values[i]!;
        }
        return result;
    }

    /// <summary>Round trip to Garnet (for readiness): throws when it does not answer.</summary>
    public Task<TimeSpan> PingAsync() => _db.PingAsync();

    /// <summary>The latest decision's JSON for a session, or null (downstream services read the same key).</summary>
    public async Task<byte[]?> LatestDecisionAsync(string sessionId) =>
        (byte[]?)await _db.StringGetAsync(DecisionKey(sessionId)).ConfigureAwait(false);

    /// <summary>
    /// <c>{prefix}:epoch:{partition}</c>: the epoch of the partition's current owner, raised by each new owner. A
    /// snapshot write of the partition goes in a transaction conditioned on it, so an engine that lost the partition
    /// cannot overwrite what the new owner wrote, however late its writes arrive.
    /// </summary>
    public string EpochKey(int partition) => $"{_prefix}:epoch:{partition.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Takes ownership of a partition's sessions: stores and returns a new epoch for it, higher than every earlier
    /// owner's, which fences their writes from now on.
    /// </summary>
    public async Task<long> AcquireEpochAsync(int partition, CancellationToken cancellationToken) =>
        await _writes.StringIncrementAsync(EpochKey(partition)).WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Writes the snapshots (and each session's latest decision) together; throws when not all were written. A write
    /// whose partition has an entry in <paramref name="epochs"/> is applied only if that is still the partition's
    /// stored epoch, atomically with the check; returns the partitions whose writes were refused because a newer owner
    /// took them (<see cref="AcquireEpochAsync"/>).
    /// </summary>
    public async Task<IReadOnlyCollection<int>> SaveAsync(IReadOnlyCollection<SnapshotWrite> writes, IReadOnlyDictionary<int, long> epochs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(epochs);
        // Every snapshot is completed (its undelivered decisions appended) into one buffer, reused from batch to batch;
        // the commands take slices of it, which stay valid until the batch's replies are in.
        var buffer = _composed;
        buffer.ResetWrittenCount();
        var spans = new (int Start, int Length)[writes.Count];
        var i = 0;
        foreach (var w in writes)
        {
            if (w.Core is not null)
            {
                var start = buffer.WrittenCount;
                SessionSnapshotCodec.Complete(w.Core, w.Pending, buffer);
                spans[i] = (start, buffer.WrittenCount - start);
            }
            i++;
        }
        var composed = buffer.WrittenMemory;

        // One pipelined batch for unfenced commands, and one transaction per fenced partition (conditioned on its
        // epoch): everything goes out back to back and the replies are awaited together.
        var batch = _writes.CreateBatch();
        var sent = new List<Task<bool>>(writes.Count * 2);
        var other = new List<Task>();
        Dictionary<int, (ITransaction Transaction, List<Task<bool>> Sent, List<Task> Other)>? fenced = null;
        i = 0;
        foreach (var w in writes)
        {
            var (start, length) = spans[i++];
            IDatabaseAsync target = batch;
            var targetSent = sent;
            var targetOther = other;
            if (w.Partition >= 0 && epochs.TryGetValue(w.Partition, out var epoch))
            {
                fenced ??= [];
                if (!fenced.TryGetValue(w.Partition, out var partition))
                {
                    var transaction = _writes.CreateTransaction();
                    transaction.AddCondition(Condition.StringEqual(EpochKey(w.Partition), epoch));
                    fenced[w.Partition] = partition = (transaction, [], []);
                }
                target = partition.Transaction;
                targetSent = partition.Sent;
                targetOther = partition.Other;
            }
            if (w.Core is null)
            {
                targetOther.Add(target.KeyDeleteAsync([SessionKey(w.SessionId), DecisionKey(w.SessionId)]));
                continue;
            }
            targetSent.Add(target.StringSetAsync(SessionKey(w.SessionId), composed.Slice(start, length), _ttl));
            if (w.LatestDecision is { } decision)
            {
                targetSent.Add(target.StringSetAsync(DecisionKey(w.SessionId), decision, _ttl));
            }
            // The user index only grows (erase reads it): it needs no fence.
            if (w.UserId is { } user)
            {
                other.Add(batch.SetAddAsync(UserKey(user), w.SessionId));
                sent.Add(batch.KeyExpireAsync(UserKey(user), _ttl));
            }
        }
        batch.Execute();
        var executions = fenced?.Select(f => (Partition: f.Key, Committed: f.Value.Transaction.ExecuteAsync(), f.Value.Sent, f.Value.Other)).ToList() ?? [];
        bool[] results;
        var refused = new List<int>();
        try
        {
            await Task.WhenAll(other).WaitAsync(cancellationToken).ConfigureAwait(false);
            results = await Task.WhenAll(sent).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (partition, committed, partitionSent, partitionOther) in executions)
            {
                if (!await committed.WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Refused only if a newer owner really raised the epoch: a transaction that did not run for another
                    // reason (a connection coming back) is a failed write, retried like any other.
                    var stored = (long?)await _writes.StringGetAsync(EpochKey(partition)).WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (stored is null || stored <= epochs[partition])
                    {
                        throw new RedisException($"the snapshot transaction of partition {partition} did not run; retrying");
                    }
                    refused.Add(partition);
                    continue;
                }
                await Task.WhenAll(partitionOther).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (Array.IndexOf(await Task.WhenAll(partitionSent).WaitAsync(cancellationToken).ConfigureAwait(false), false) >= 0)
                {
                    throw new RedisException("Garnet refused a snapshot write");
                }
            }
        }
        catch
        {
            // Commands of a failed batch may still be on their way out with slices of the buffer: the next batch
            // composes into a new one.
            _composed = new ArrayBufferWriter<byte>(buffer.Capacity);
            throw;
        }
        if (Array.IndexOf(results, false) >= 0)
        {
            throw new RedisException("Garnet refused a snapshot write");
        }
        return refused;
    }

    /// <summary>
    /// Deletes a session's snapshot and latest decision, records that it was erased, and tells every engine (which
    /// drops what it holds of the session). Returns whether there was state to delete.
    /// </summary>
    public async Task<bool> EraseSessionAsync(string sessionId)
    {
        var deleted = await _db.KeyDeleteAsync([SessionKey(sessionId), DecisionKey(sessionId)]).ConfigureAwait(false);
        await _db.StringSetAsync(ErasedKey("session", sessionId), ErasureRecord(deleted > 0 ? 1 : 0)).ConfigureAwait(false);
        await _connection.GetSubscriber().PublishAsync(EraseChannel, sessionId).ConfigureAwait(false);
        return deleted > 0;
    }

    /// <summary>Erases every session in the user's index and the index itself; returns the sessions erased.</summary>
    public async Task<IReadOnlyList<string>> EraseUserAsync(string userId)
    {
        var sessions = (await _db.SetMembersAsync(UserKey(userId)).ConfigureAwait(false)).Select(v => v.ToString()).ToList();
        foreach (var session in sessions)
        {
            await EraseSessionAsync(session).ConfigureAwait(false);
        }
        await _db.KeyDeleteAsync(UserKey(userId)).ConfigureAwait(false);
        await _db.StringSetAsync(ErasedKey("user", userId), ErasureRecord(sessions.Count)).ConfigureAwait(false);
        return sessions;
    }

    /// <summary>The sessions in a user's index (what an erase by user would erase).</summary>
    public async Task<IReadOnlyList<string>> SessionsOfUserAsync(string userId) =>
        [.. (await _db.SetMembersAsync(UserKey(userId)).ConfigureAwait(false)).Select(v => v.ToString())];

    /// <summary>The record of an erase (JSON: when, how many sessions), or null if none happened.</summary>
    public async Task<string?> ErasureAsync(string kind, string id) => await _db.StringGetAsync(ErasedKey(kind, id)).ConfigureAwait(false);

    /// <summary>Calls <paramref name="onErased"/> with each session id erased from now on, by any process.</summary>
    public Task SubscribeErasuresAsync(Action<string> onErased) =>
        _connection.GetSubscriber().SubscribeAsync(EraseChannel, (_, message) => onErased(message.ToString()));

    private static string ErasureRecord(int sessions) =>
        $$"""{"erasedAt":"{{DateTimeOffset.UtcNow:O}}","sessions":{{sessions}}}""";

    public void Dispose()
    {
        _connection.Dispose();
        _writeConnection.Dispose();
    }
}
