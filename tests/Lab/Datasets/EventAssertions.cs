using Journeys.Contracts.Events;

namespace Journeys.Lab.Tests.Datasets;

internal static class EventAssertions
{
    public static void InTimeOrder(IReadOnlyList<ClickEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i - 1].Timestamp <= events[i].Timestamp,
                $"event {i} ({events[i].EventId} at {events[i].Timestamp:O}) precedes event {i - 1} ({events[i - 1].Timestamp:O})");
        }
    }

    public static void UniqueIds(IReadOnlyList<ClickEvent> events) =>
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());

    /// <summary>Every event must be acceptable on the wire: encode, then decode through the real codec.</summary>
    public static void PassTheCodec(IEnumerable<ClickEvent> events)
    {
        foreach (var e in events)
        {
            var decoded = ClickEventCodec.Decode(ClickEventCodec.Encode(e));
            Assert.True(decoded.IsValid, $"{e.EventId}: {decoded.Reason} {decoded.Detail}");
        }
    }
}
