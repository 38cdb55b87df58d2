using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class TimeSplitTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_train_session_starts_after_a_test_session()
    {
        var random = new Random(21);
        var sessions = Enumerable.Range(0, 101)
            .Select(i => Session($"s{i}", random.Next(0, 50), random.Next(1, 6)))
            .ToList();
        var split = TimeSplit.Split(sessions);
        Assert.Equal(81, split.Train.Count);
        Assert.Equal(20, split.Test.Count);
        var latestTrainStart = split.Train.Max(s => s.Min(e => e.Timestamp));
        Assert.All(split.Test, s => Assert.True(s.Min(e => e.Timestamp) >= latestTrainStart));
        Assert.Equal(split.Test.Min(s => s.Min(e => e.Timestamp)), split.TestStart);
    }

    [Fact]
    public void The_split_does_not_depend_on_input_order()
    {
        var random = new Random(22);
        var sessions = Enumerable.Range(0, 40).Select(i => Session($"s{i}", random.Next(0, 10), 2)).ToList();
        var shuffled = sessions.OrderBy(_ => random.Next()).ToList();
        Assert.Equal(
            TimeSplit.Split(sessions).Test.Select(s => s[0].SessionId),
            TimeSplit.Split(shuffled).Test.Select(s => s[0].SessionId));
    }

    [Fact]
    public void Sessions_order_by_their_first_event_not_their_last()
    {
        // "long" starts first but ends last; it must train, "late" must test.
        var split = TimeSplit.Split([Session("late", 10, 1), Session("long", 0, 100)], 0.5);
        Assert.Equal("long", split.Train.Single()[0].SessionId);
        Assert.Equal("late", split.Test.Single()[0].SessionId);
    }

    [Fact]
    public void Fractions_outside_zero_to_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSplit.Split([Session("a", 0, 1)], 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSplit.Split([Session("a", 0, 1)], 0));
    }

    private static List<ClickEvent> Session(string id, int startMinute, int events) =>
        Enumerable.Range(0, events)
            .Select(i => new ClickEvent($"{id}:{i}", id, null, Start.AddMinutes(startMinute + i), ClickType.ProductView, "p"))
            .ToList();
}
