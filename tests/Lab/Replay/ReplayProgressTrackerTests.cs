using Journeys.Lab.Replay;

namespace Journeys.Lab.Tests.Replay;

public sealed class ReplayProgressTrackerTests
{
    [Fact]
    public void Rate_and_eta_follow_sent_events_over_elapsed_time()
    {
        var clock = new SteppingClock();
        var tracker = new ReplayProgressTracker(clock, total: 1_000);
        var start = tracker.Snapshot();
        Assert.Equal((0L, 0.0, (TimeSpan?)null), (start.Sent, start.EventsPerSecond, start.Eta));

        clock.Advance(TimeSpan.FromSeconds(2));
        tracker.Record(100);
        var p = tracker.Snapshot();
        Assert.Equal(100, p.Sent);
        Assert.Equal(50, p.EventsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(18), p.Eta);
        Assert.Equal(0.1, p.Fraction);
        Assert.Equal("100/1,000 events (10.0%) · 50 ev/s · ETA 0:00:18", p.ToString());
    }

    [Fact]
    public void Unknown_total_has_no_fraction_or_eta()
    {
        var clock = new SteppingClock();
        var tracker = new ReplayProgressTracker(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        tracker.Record();
        var p = tracker.Snapshot();
        Assert.Null(p.Fraction);
        Assert.Null(p.Eta);
        Assert.Equal("1 events · 1 ev/s", p.ToString());
    }
}
