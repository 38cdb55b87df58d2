using Journeys.Contracts.Events;
using Journeys.Lab.Replay;

namespace Journeys.Lab.Tests.Replay;

public sealed class ReplayPacerTests
{
    private static readonly DateTimeOffset T0 = new(2019, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static ClickEvent At(TimeSpan offset, int n) =>
        new($"e{n}", "s", null, T0 + offset, ClickType.ProductView, "p");

    private static List<ClickEvent> AtSeconds(params double[] seconds) =>
        seconds.Select((s, i) => At(TimeSpan.FromSeconds(s), i)).ToList();

    /// <summary>Runs a paced replay on the virtual clock and returns the clock reading at each send.</summary>
    private static async Task<List<TimeSpan>> SendTimes(ReplayPacing pacing, IEnumerable<ClickEvent> events,
        SteppingClock clock, TimeSpan? sendCost = null)
    {
        var times = new List<TimeSpan>();
        await foreach (var _ in new ReplayPacer(pacing).PaceAsync(events, clock))
        {
            times.Add(clock.Now);
            clock.Advance(sendCost ?? TimeSpan.Zero);
        }
        return times;
    }

    private static TimeSpan[] Seconds(params double[] s) => s.Select(TimeSpan.FromSeconds).ToArray();

    [Fact]
    public async Task Fixed_rate_spaces_events_evenly_whatever_their_timestamps()
    {
        var clock = new SteppingClock();
        var times = await SendTimes(ReplayPacing.FixedRate(4), AtSeconds(0, 0, 3600, 3601, 3601), clock);
        Assert.Equal(Seconds(0, 0.25, 0.5, 0.75, 1.0), times);
    }

    [Fact]
    public async Task Fixed_rate_catches_up_after_a_slow_send_instead_of_drifting()
    {
        var clock = new SteppingClock();
        // The first send takes 1 s; events 1–4 were due at 0.25…1.0 s, so they go at once, then pacing resumes.
        var events = AtSeconds(0, 0, 0, 0, 0, 0);
        var times = new List<TimeSpan>();
        await foreach (var _ in new ReplayPacer(ReplayPacing.FixedRate(4)).PaceAsync(events, clock))
        {
            times.Add(clock.Now);
            if (times.Count == 1)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        Assert.Equal(Seconds(0, 1, 1, 1, 1, 1.25), times);
    }

    [Fact]
    public async Task Speedup_divides_recorded_gaps()
    {
        var clock = new SteppingClock();
        var times = await SendTimes(ReplayPacing.Speedup(10), AtSeconds(0, 10, 10, 70), clock);
        Assert.Equal(Seconds(0, 1, 1, 7), times);
    }

    [Fact]
    public async Task Speedup_caps_long_idle_gaps_at_the_longest_wait()
    {
        var clock = new SteppingClock();
        var times = await SendTimes(ReplayPacing.Speedup(10, maxWait: TimeSpan.FromSeconds(2)),
            AtSeconds(0, 10, 10, 70, 71), clock);
        Assert.Equal(Seconds(0, 1, 1, 3, 3.1), times);
    }

    [Fact]
    public async Task Speedup_spaces_events_at_least_the_shortest_wait_apart_even_at_one_recorded_instant()
    {
        var clock = new SteppingClock();
        var times = await SendTimes(ReplayPacing.Speedup(10, maxWait: TimeSpan.FromSeconds(2), minWait: TimeSpan.FromSeconds(0.5)),
            AtSeconds(0, 0, 10, 11, 71), clock);
        // Waits: 0 → 0.5 (floor), 10 s / 10 = 1, 1 s / 10 → 0.5 (floor), 60 s / 10 → 2 (cap).
        Assert.Equal(Seconds(0, 0.5, 1.5, 2, 4), times);
    }

    [Fact]
    public void Speedup_treats_an_out_of_order_event_as_no_gap()
    {
        var pacer = new ReplayPacer(ReplayPacing.Speedup(2));
        var due = AtSeconds(0, 10, 4, 12).Select(e => pacer.DueOffset(e.Timestamp)).ToArray();
        // 4 s arrives after 10 s: no wait, and the next gap is measured from 10 s, not 4 s.
        Assert.Equal(Seconds(0, 5, 5, 6), due);
    }

    [Fact]
    public async Task As_fast_as_possible_never_waits()
    {
        var clock = new SteppingClock();
        var times = await SendTimes(ReplayPacing.AsFastAsPossible, AtSeconds(0, 60, 3600), clock);
        Assert.Equal(Seconds(0, 0, 0), times);
        Assert.Equal(0, clock.TimersCreated);
    }

    [Fact]
    public async Task Cancellation_stops_the_replay()
    {
        using var cts = new CancellationTokenSource();
        var sent = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in new ReplayPacer(ReplayPacing.FixedRate(1))
                               .PaceAsync(AtSeconds(0, 1, 2), new SteppingClock(), cts.Token))
            {
                sent++;
                await cts.CancelAsync();
            }
        });
        Assert.Equal(1, sent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rate_and_speedup_must_be_positive_and_finite(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPacing.FixedRate(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPacing.Speedup(value));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(3, 2.0)]
    public void The_shortest_wait_must_not_be_negative_nor_above_the_longest(double minWait, double? maxWait)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPacing.Speedup(10,
            maxWait is { } m ? TimeSpan.FromSeconds(m) : null, TimeSpan.FromSeconds(minWait)));
    }
}
