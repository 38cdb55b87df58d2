namespace Journeys.SessionActors.State;

/// <summary>Whether starting sessions wait for an unreachable state store (a known, logged wait, not a stuck engine).</summary>
public interface IStateAvailability
{
    /// <summary>Starting sessions are waiting for the store right now.</summary>
    bool WaitingForStore { get; }

    /// <summary>When the store last answered after an outage (Stopwatch timestamp), 0 if it never was unreachable.</summary>
    long StoreReachableSince { get; }
}
