using Journeys.Lab.Replay;

namespace Journeys.Lab.Tests.Replay;

public sealed class ReplayScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2019, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset[] AtSeconds(params double[] seconds) =>
        seconds.Select(s => T0 + TimeSpan.FromSeconds(s)).ToArray();

    private static TimeSpan[] DueOffsets(ReplayPacing pacing, IEnumerable<DateTimeOffset> times)
    {
        var pacer = new ReplayPacer(pacing);
        return times.Select(pacer.DueOffset).ToArray();
    }

    [Fact]
    public void Length_is_when_the_last_event_is_due()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), ReplaySchedule.Length(ReplayPacing.FixedRate(4), AtSeconds(0, 0, 0, 0, 0)));
        Assert.Equal(TimeSpan.FromSeconds(7), ReplaySchedule.Length(ReplayPacing.Speedup(10), AtSeconds(0, 10, 10, 70)));
        Assert.Equal(TimeSpan.Zero, ReplaySchedule.Length(ReplayPacing.AsFastAsPossible, AtSeconds(0, 60, 3600)));
    }

    [Fact]
    public void Mean_rate_counts_gaps_over_the_length_and_is_null_when_the_schedule_has_none()
    {
        Assert.Equal(4, ReplaySchedule.MeanRate(ReplayPacing.FixedRate(4), AtSeconds(0, 0, 0, 0, 0)));
        Assert.Null(ReplaySchedule.MeanRate(ReplayPacing.AsFastAsPossible, AtSeconds(0, 1, 2)));
        Assert.Null(ReplaySchedule.MeanRate(ReplayPacing.Speedup(2), AtSeconds(5, 5, 5)));
        Assert.Null(ReplaySchedule.MeanRate(ReplayPacing.FixedRate(4), AtSeconds(0)));
    }

    [Fact]
    public void Without_a_binding_cap_the_factor_is_the_span_over_the_wanted_length()
    {
        var times = AtSeconds(0, 10, 20, 30);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 1, maxWait: TimeSpan.FromMinutes(1));

        Assert.Equal(ReplayPacingMode.Speedup, pacing.Mode);
        Assert.Equal(10, pacing.SpeedupFactor, 9);
        Assert.Equal(1, ReplaySchedule.MeanRate(pacing, times)!.Value, 6);
    }

    [Fact]
    public void A_capped_idle_gap_slows_the_busy_part_so_the_mean_rate_still_holds()
    {
        // Three 1 s gaps, then 100 s of nothing, at 2 events/s: 4 gaps in 2 s. The span alone (103 s over 2 s: ×51.5)
        // would send the busy part 17 times faster than asked; with the idle gap capped at 1 s, ×3 spaces the busy
        // gaps 1/3 s apart and the idle one takes the cap.
        var times = AtSeconds(0, 1, 2, 3, 103);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 2, maxWait: TimeSpan.FromSeconds(1));

        Assert.Equal(3, pacing.SpeedupFactor, 9);
        Assert.Equal(TimeSpan.FromSeconds(1), pacing.MaxWait);
        var due = DueOffsets(pacing, times).Select(d => Math.Round(d.TotalSeconds, 6));
        Assert.Equal([0.0, 0.333333, 0.666667, 1, 2], due);
    }

    [Fact]
    public void The_factor_gives_the_asked_mean_rate_on_unsorted_input_by_the_pacers_own_rules()
    {
        // By the pacer's rules the gaps are 10, 0 (4 s comes after 10 s), 2 and 18: 30 s recorded over 4 gaps.
        var times = AtSeconds(0, 10, 4, 12, 30);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 1, maxWait: TimeSpan.FromMinutes(1));

        Assert.Equal(7.5, pacing.SpeedupFactor, 9);
        Assert.Equal(1, ReplaySchedule.MeanRate(pacing, times)!.Value, 6);
    }

    [Fact]
    public void A_shortest_wait_spreads_events_of_one_recorded_instant_and_the_factor_makes_up_for_it()
    {
        // Four events at 0 s, one at 10 s, at 1 event/s: 4 s. Without a floor ×2.5 would send four at once and wait
        // 4 s; with 0.5 s between the four, the 10 s gap must take 2.5 s: ×4.
        var times = AtSeconds(0, 0, 0, 0, 10);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 1, maxWait: TimeSpan.FromSeconds(10),
            minWait: TimeSpan.FromSeconds(0.5));

        Assert.Equal(4, pacing.SpeedupFactor, 9);
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacing.MinWait);
        var due = DueOffsets(pacing, times).Select(d => Math.Round(d.TotalSeconds, 6));
        Assert.Equal([0.0, 0.5, 1, 1.5, 4], due);
    }

    [Fact]
    public void When_even_every_gap_at_the_cap_is_too_fast_the_slowest_schedule_the_cap_allows_is_returned()
    {
        // 2 gaps capped at 1 s cannot fill the 20 s that 0.1 events/s would take.
        var times = AtSeconds(0, 1, 3);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 0.1, maxWait: TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2), ReplaySchedule.Length(pacing, times));
        Assert.Equal(1, ReplaySchedule.MeanRate(pacing, times)!.Value, 6);
    }

    [Fact]
    public void Events_at_one_instant_have_no_recorded_timing_and_go_the_shortest_wait_apart()
    {
        var times = AtSeconds(5, 5, 5);

        var pacing = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 1000, maxWait: TimeSpan.FromSeconds(1));
        var floored = ReplaySchedule.SpeedupForMeanRate(times, eventsPerSecond: 1, maxWait: TimeSpan.FromSeconds(1),
            minWait: TimeSpan.FromSeconds(0.5));

        Assert.Equal(1, pacing.SpeedupFactor);
        Assert.Equal(TimeSpan.Zero, ReplaySchedule.Length(pacing, times));
        Assert.Equal(TimeSpan.FromSeconds(1), ReplaySchedule.Length(floored, times));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(1000, 0)]
    [InlineData(1000, -1)]
    public void Mean_rate_and_longest_wait_must_be_positive(double eventsPerSecond, double maxWaitSeconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReplaySchedule.SpeedupForMeanRate(AtSeconds(0, 1), eventsPerSecond, TimeSpan.FromSeconds(maxWaitSeconds)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_shortest_wait_must_be_under_the_mean_gap(double minWaitSeconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySchedule.SpeedupForMeanRate(AtSeconds(0, 1, 2),
            eventsPerSecond: 1, maxWait: TimeSpan.FromSeconds(5), minWait: TimeSpan.FromSeconds(minWaitSeconds)));
    }
}
