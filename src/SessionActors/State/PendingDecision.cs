using Journeys.Contracts.Decisions;

namespace Journeys.SessionActors.State;

/// <summary>
/// A decision handed to the producer whose delivery is not yet confirmed: kept in the session's snapshot so that if
/// its event is consumed again after a crash, the same decision is sent again instead of none.
/// </summary>
public sealed record PendingDecision(string EventId, long Offset, Decision Decision)
{
    private int _delivered;

    /// <summary>Set from the producer's delivery report thread.</summary>
    public bool IsDelivered => Volatile.Read(ref _delivered) == 1;

    public void MarkDelivered() => Volatile.Write(ref _delivered, 1);
}
