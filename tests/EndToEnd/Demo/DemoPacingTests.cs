using Journeys.Demo;
using Journeys.Lab.Replay;

namespace Journeys.EndToEnd.Tests.Demo;

public sealed class DemoPacingTests
{
    private static readonly Lazy<List<DateTimeOffset>> Demo20000 = new(() =>
    {
        var sample = BundledData.SampleEvents().ToList();
        return SampleCycler.Cycle(sample, 20_000).Select(e => e.Timestamp).ToList();
    });

    [Fact]
    public void Paced_by_default_the_bundled_sample_offers_1000_events_per_second_on_average_and_never_over_1500()
    {
        var times = Demo20000.Value;

        var pacing = DemoPacing.Paced(times);

        Assert.Equal(DemoMode.Paced, pacing.Mode);
        Assert.Equal("paced", pacing.JsonName);
        Assert.InRange(pacing.OfferedRate!.Value, 990, 1010);
        Assert.InRange(pacing.Length.TotalSeconds, 19.8, 20.2);
        // The recorded rhythm survives (busy minutes faster than quiet ones) without turning back into a backlog:
        // the span alone (×937 for these events) would offer over 8,000 events in the busiest second, and the cap
        // alone ≈ 2,700.
        var pacer = new ReplayPacer(pacing.Replay);
        var fullSeconds = (int)pacing.Length.TotalSeconds;
        var perSecond = times.Select(t => (int)pacer.DueOffset(t).TotalSeconds).Where(s => s < fullSeconds)
            .GroupBy(s => s).Select(g => g.Count()).ToList();
        Assert.InRange(perSecond.Max(), 1200, 1500);
        Assert.InRange(perSecond.Min(), 50, 500);
        Assert.StartsWith("paced: sample timing compressed ×", pacing.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_rate_offers_that_rate_for_as_long_as_the_events_need()
    {
        var pacing = DemoPacing.FixedRate(500, Demo20000.Value);

        Assert.Equal("rate", pacing.JsonName);
        Assert.Equal(500, pacing.OfferedRate);
        Assert.Equal(TimeSpan.FromSeconds(19_999 / 500.0), pacing.Length);
        Assert.Equal("fixed rate 500 events/s", pacing.Describe());
    }

    [Fact]
    public void A_burst_offers_no_rate_and_says_its_latency_measures_a_backlog()
    {
        Assert.Equal("burst", DemoPacing.Burst.JsonName);
        Assert.Null(DemoPacing.Burst.OfferedRate);
        Assert.Equal(TimeSpan.Zero, DemoPacing.Burst.Length);
        Assert.Contains("draining a backlog", DemoPacing.Burst.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Paced_events_at_one_instant_go_at_the_ceiling_and_a_single_event_offers_no_rate()
    {
        var at = new DateTimeOffset(2019, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var two = DemoPacing.Paced([at, at]);
        var one = DemoPacing.Paced([at]);

        Assert.InRange(two.OfferedRate!.Value, 1499, 1501);
        Assert.Null(one.OfferedRate);
        Assert.Equal(TimeSpan.Zero, one.Length);
        Assert.Equal("paced: a single event", one.Describe());
    }
}
