using Journeys.Contracts.Events;

namespace Journeys.Scoring.Views;

/// <summary>
/// A click as the views see it: the event and where it sits in the clicks topic, so a view can say which clicks its
/// state covers and skip those it has counted already when they come again after a restart.
/// </summary>
/// <param name="Partition">The click's partition; negative for a click with no place in a topic (tests, offline runs),
/// which is always counted.</param>
/// <param name="Offset">Its offset in that partition.</param>
/// <param name="Event">The decoded, valid click.</param>
public readonly record struct ViewClick(int Partition, long Offset, ClickEvent Event)
{
    /// <summary>A click with no place in a topic: counted whenever it comes.</summary>
    public static ViewClick Unplaced(ClickEvent e) => new(-1, -1, e);
}
