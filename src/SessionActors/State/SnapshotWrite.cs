namespace Journeys.SessionActors.State;

/// <summary>One session's encoded snapshot and, when it has decided something, its latest decision (JSON).</summary>
public sealed record SnapshotWrite(string SessionId, byte[] Snapshot, byte[]? LatestDecision);
