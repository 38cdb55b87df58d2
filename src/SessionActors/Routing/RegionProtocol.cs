namespace Journeys.SessionActors.Routing;

/// <summary>Asks the region for its counters; the reply is <see cref="RegionStats"/>.</summary>
public sealed record GetRegionStats
{
    public static readonly GetRegionStats Instance = new();
}

/// <summary>Live session actors, sessions started and passivated since the region started.</summary>
public sealed record RegionStats(int LiveSessions, long SessionsStarted, long SessionsPassivated);

/// <summary>
/// These partitions left this engine (revoked or lost): stop their sessions. Their state would be stale if the
/// partition came back after another engine had applied events to the same sessions.
/// </summary>
public sealed record ReleasePartitions(IReadOnlyCollection<int> Partitions);
