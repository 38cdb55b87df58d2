namespace Journeys.SessionActors.State;

/// <summary>Where session snapshots are kept (Garnet in the engine; a seam for unit tests).</summary>
public interface ISessionStore
{
    /// <summary>The session's latest snapshot, or null when it has none (new, expired or erased).</summary>
    Task<SessionSnapshot?> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The stored snapshots (encoded) of many sessions at once, in the order asked; null where a session has none.</summary>
    Task<IReadOnlyList<byte[]?>> LoadManyAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the snapshots (and each session's latest decision) together; throws when not all were written. A write
    /// whose partition has an entry in <paramref name="epochs"/> is applied only if that is still the partition's
    /// stored epoch, atomically with the check; returns the partitions whose writes were refused because a newer owner
    /// took them (<see cref="AcquireEpochAsync"/>).
    /// </summary>
    Task<IReadOnlyCollection<int>> SaveAsync(IReadOnlyCollection<SnapshotWrite> writes, IReadOnlyDictionary<int, long> epochs,
        CancellationToken cancellationToken);

    /// <summary>
    /// Takes ownership of a partition's sessions: stores and returns a new epoch for it, higher than every earlier
    /// owner's, which fences their writes from now on.
    /// </summary>
    Task<long> AcquireEpochAsync(int partition, CancellationToken cancellationToken);
}
