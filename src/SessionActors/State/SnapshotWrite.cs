using Journeys.Contracts.Decisions;

namespace Journeys.SessionActors.State;

/// <summary>
/// One session's snapshot and, when it has decided something, its latest decision. Both are immutable once handed
/// over, so the writer encodes them when it writes — once per flush for the newest, not once per event. A null
/// <paramref name="Snapshot"/> erases the session (its snapshot and latest decision are deleted, in order with its
/// earlier writes). <paramref name="UserId"/> adds the session to its user's index, which <c>journeys erase --user</c>
/// reads.
/// </summary>
public sealed record SnapshotWrite(string SessionId, SessionSnapshot? Snapshot, Decision? LatestDecision, string? UserId = null);
