namespace Journeys.SessionActors.Routing;

/// <summary>
/// Forget this session (<c>journeys erase</c>): a live session drops its state after the events already queued to it,
/// and nothing this engine still had to write of it reaches Garnet. Its later events start a new session.
/// </summary>
public sealed record EraseSession(string SessionId);
