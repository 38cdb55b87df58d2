using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;
using Journeys.Lab.Replay;
using Journeys.Lab.Tests.Datasets;

namespace Journeys.Lab.Tests.Replay;

public sealed class SampleCyclerTests
{
    private static readonly DateTimeOffset T0 = new(2019, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ClickEvent[] Sample =
    [
        new("a:0", "a", "u1", T0, ClickType.ProductView, "p1"),
        new("b:0", "b", null, T0.AddSeconds(1), ClickType.ProductView, "p2"),
        new("a:1", "a", "u1", T0.AddSeconds(9), ClickType.Purchase, "p1", Price: 5),
    ];

    [Fact]
    public void First_round_is_the_sample_unchanged()
    {
        Assert.Equal(Sample, SampleCycler.Cycle(Sample, 3));
        Assert.Equal(Sample.Take(2), SampleCycler.Cycle(Sample, 2));
    }

    [Fact]
    public void Later_rounds_get_marked_ids_and_follow_in_time()
    {
        var events = SampleCycler.Cycle(Sample, 8).ToList();
        Assert.Equal(8, events.Count);
        // Sample span 9 s + 1 s gap: round 2 starts 10 s after round 1, round 3 after 20 s.
        Assert.Equal(new ClickEvent("a:0~r2", "a~r2", "u1~r2", T0.AddSeconds(10), ClickType.ProductView, "p1"), events[3]);
        Assert.Equal(new ClickEvent("b:0~r2", "b~r2", null, T0.AddSeconds(11), ClickType.ProductView, "p2"), events[4]);
        Assert.Equal(new ClickEvent("a:1~r2", "a~r2", "u1~r2", T0.AddSeconds(19), ClickType.Purchase, "p1", Price: 5), events[5]);
        Assert.Equal(["a:0~r3", "b:0~r3"], events.Skip(6).Select(e => e.EventId));
        Assert.Equal(T0.AddSeconds(20), events[6].Timestamp);
        EventAssertions.InTimeOrder(events);
    }

    [Fact]
    public void Paced_by_recorded_time_later_rounds_keep_the_first_rounds_rhythm_one_round_gap_apart()
    {
        var pacer = new ReplayPacer(ReplayPacing.Speedup(2));

        var due = SampleCycler.Cycle(Sample, 9).Select(e => pacer.DueOffset(e.Timestamp).TotalSeconds).ToArray();

        // Round 1 at 0, 0.5, 4.5 s; each later round the same, after the 1 s round gap / 2: no burst of rounds
        // replayed "at once" (unshifted copies would go back in time, count as no gap, and pile up).
        Assert.Equal([0.0, 0.5, 4.5, 5, 5.5, 9.5, 10, 10.5, 14.5], due);
    }

    [Fact]
    public void Zero_events_need_no_sample_but_more_do()
    {
        Assert.Empty(SampleCycler.Cycle([], 0));
        Assert.Throws<ArgumentException>(() => SampleCycler.Cycle([], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleCycler.Cycle(Sample, -1));
    }

    [Fact]
    public void Cycling_the_demo_sample_gives_exactly_the_count_with_no_id_collisions()
    {
        var sample = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        var events = SampleCycler.Cycle(sample, 40_000).ToList();
        Assert.Equal(40_000, events.Count);
        EventAssertions.UniqueIds(events);
        EventAssertions.InTimeOrder(events);
        // 2 full rounds and a part of the third; no session id is shared between rounds.
        Assert.Equal(5_066 * 2, events.Take(2 * sample.Count).Select(e => e.SessionId).Distinct().Count());
        Assert.All(events.Skip(2 * sample.Count), e => Assert.EndsWith("~r3", e.EventId, StringComparison.Ordinal));
        EventAssertions.PassTheCodec(events.Skip(sample.Count).Take(100));
    }
}
