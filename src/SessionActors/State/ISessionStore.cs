namespace Journeys.SessionActors.State;

/// <summary>Where session snapshots are kept (Garnet in the engine; a seam for unit tests).</summary>
public interface ISessionStore
{
    /// <summary>The session's latest snapshot, or null when it has none (new, expired or erased).</summary>
    Task<SessionSnapshot?> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The stored snapshots (encoded) of many sessions at once, in the order asked; null where a session has none.</summary>
    Task<IReadOnlyList<byte[]?>> LoadManyAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken);

    /// <summary>Writes the snapshots (and each session's latest decision) together; throws when not all were written.</summary>
    Task SaveAsync(IReadOnlyCollection<SnapshotWrite> writes, CancellationToken cancellationToken);
}
