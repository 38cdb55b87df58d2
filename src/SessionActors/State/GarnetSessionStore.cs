using System.Text.Json;
using Journeys.Contracts.Json;
using StackExchange.Redis;

namespace Journeys.SessionActors.State;

/// <summary>
/// Session snapshots in Garnet over the Redis protocol. Keys (README "Session state in Garnet"):
/// <c>{prefix}:session:{sessionId}</c> holds the binary snapshot and <c>{prefix}:decision:{sessionId}</c> the latest
/// decision as JSON, both expiring one session idle timeout after the session's last write.
/// </summary>
public sealed class GarnetSessionStore : ISessionStore, IDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly string _prefix;
    private readonly TimeSpan _ttl;

    public GarnetSessionStore(string endpoint, string? password, string prefix, TimeSpan ttl)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.Password = string.IsNullOrEmpty(password) ? null : password;
        // Keep trying in the background when Garnet is down; callers see failed commands and retry.
        options.AbortOnConnectFail = false;
        _connection = ConnectionMultiplexer.Connect(options);
        _db = _connection.GetDatabase();
        _prefix = prefix;
        _ttl = ttl;
    }

    public string SessionKey(string sessionId) => $"{_prefix}:session:{sessionId}";

    public string DecisionKey(string sessionId) => $"{_prefix}:decision:{sessionId}";

    public async Task<SessionSnapshot?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        var value = await _db.StringGetAsync(SessionKey(sessionId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : SessionSnapshotCodec.Decode((byte[])value!);
    }

    /// <summary>The latest decision's JSON for a session, or null (downstream services read the same key).</summary>
    public async Task<byte[]?> LatestDecisionAsync(string sessionId) =>
        (byte[]?)await _db.StringGetAsync(DecisionKey(sessionId)).ConfigureAwait(false);

    public async Task SaveAsync(IReadOnlyCollection<SnapshotWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        // One pipelined batch: every SET goes out back to back and the replies are awaited together.
        var batch = _db.CreateBatch();
        var sent = new List<Task<bool>>(writes.Count * 2);
        foreach (var w in writes)
        {
            sent.Add(batch.StringSetAsync(SessionKey(w.SessionId), SessionSnapshotCodec.Encode(w.Snapshot), _ttl));
            if (w.LatestDecision is { } decision)
            {
                sent.Add(batch.StringSetAsync(DecisionKey(w.SessionId),
                    JsonSerializer.SerializeToUtf8Bytes(decision, JourneysJsonContext.Default.Decision), _ttl));
            }
        }
        batch.Execute();
        var results = await Task.WhenAll(sent).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Array.IndexOf(results, false) >= 0)
        {
            throw new RedisException("Garnet refused a snapshot write");
        }
    }

    public void Dispose() => _connection.Dispose();
}
