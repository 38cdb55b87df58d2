using Journeys.Contracts.Decisions;

namespace Journeys.SessionActors.State;

/// <summary>
/// One session's snapshot and, when it has decided something, its latest decision. Both are immutable once handed
/// over, so the writer encodes them when it writes — once per flush for the newest, not once per event.
/// </summary>
public sealed record SnapshotWrite(string SessionId, SessionSnapshot Snapshot, Decision? LatestDecision);
