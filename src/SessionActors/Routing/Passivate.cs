namespace Journeys.SessionActors.Routing;

/// <summary>
/// Stop this session's actor now, as if it had been idle; events that arrive meanwhile are held and go to a fresh
/// actor afterwards.
/// </summary>
public sealed record Passivate(string SessionId);
