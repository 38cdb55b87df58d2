using Akka.Actor;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Tests.Routing;

public sealed class SessionRegionTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly CountingScorer _scorer = new();

    private IActorRef NewRegion(SessionOptions options) =>
        Sys.ActorOf(SessionRegion.Props(_scorer, CountingScorer.Encode, options));

    [Fact]
    public void Each_session_gets_its_own_actor_and_its_own_sequence()
    {
        var region = NewRegion(new SessionOptions());
        for (var n = 1; n <= 3; n++)
        {
            foreach (var s in new[] { "a", "b/with:odd chars?", "c" })
            {
                region.Tell(new ApplyEvent(Events.Click(s, n)));
            }
        }

        var decisions = ReceiveN(9).Cast<EventDecided>().Select(d => d.Decision).ToList();
        foreach (var group in decisions.GroupBy(d => d.SessionId))
        {
            Assert.Equal([1, 2, 3], group.Select(d => d.Sequence));
        }
        region.Tell(GetRegionStats.Instance);
        Assert.Equal(3, ExpectMsg<RegionStats>().LiveSessions);
    }

    [Fact]
    public void An_idle_session_is_passivated_and_a_later_event_starts_it_afresh()
    {
        var region = NewRegion(new SessionOptions { IdleTimeout = TimeSpan.FromMilliseconds(100) });
        region.Tell(new ApplyEvent(Events.Click("a", 1)));
        ExpectMsg<EventDecided>();

        AwaitAssert(() =>
        {
            region.Tell(GetRegionStats.Instance);
            var stats = ExpectMsg<RegionStats>();
            Assert.Equal(0, stats.LiveSessions);
            Assert.Equal(1, stats.SessionsPassivated);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

        region.Tell(new ApplyEvent(Events.Click("a", 2)));
        Assert.Equal(1, ExpectMsg<EventDecided>().Decision.Sequence);
    }

    [Fact]
    public void A_session_that_keeps_receiving_events_outlives_its_idle_timeout()
    {
        // Events every 100 ms for twice the idle timeout; the timeout is generous so a busy machine cannot fake idleness.
        var region = NewRegion(new SessionOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        // One event of another session first: the first decision of a process pays for JIT and the scorer's start, which
        // on a loaded machine took longer than the idle timeout and let the sweep see session a as idle.
        region.Tell(new ApplyEvent(Events.Click("warm-up", 1)));
        ExpectMsg<EventDecided>();
        for (var n = 1; n <= 20; n++)
        {
            region.Tell(new ApplyEvent(Events.Click("a", n)));
            Assert.Equal(n, ExpectMsg<EventDecided>().Decision.Sequence);
            Thread.Sleep(100);
        }

        region.Tell(GetRegionStats.Instance);
        var stats = ExpectMsg<RegionStats>();
        // Session a started once (its sequence never went back to 1); only the idle warm-up session may have passivated.
        Assert.Equal(2, stats.SessionsStarted);
        Assert.InRange(stats.SessionsPassivated, 0, 1);
    }

    [Theory]
    [InlineData(100, 25)]
    [InlineData(20, 10)]
    [InlineData(30 * 60 * 1000, 60 * 1000)]
    public void The_idle_sweep_runs_every_quarter_timeout_between_10_ms_and_a_minute(int idleMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), SessionRegion.SweepInterval(TimeSpan.FromMilliseconds(idleMs)));

    [Fact]
    public void Events_arriving_while_a_session_passivates_are_neither_lost_nor_reordered()
    {
        var region = NewRegion(new SessionOptions { IdleTimeout = TimeSpan.FromMinutes(5) });
        region.Tell(new ApplyEvent(Events.Click("a", 1)));
        ExpectMsg<EventDecided>();
        region.Tell(GetRegionStats.Instance);
        ExpectMsg<RegionStats>();

        // Passivate, then send events before the session has stopped.
        region.Tell(new Passivate("a"));
        for (var n = 2; n <= 20; n++)
        {
            region.Tell(new ApplyEvent(Events.Click("a", n)));
        }

        var ids = ReceiveN(19).Cast<EventDecided>().Select(d => d.Decision.EventId).ToList();
        Assert.Equal(Enumerable.Range(2, 19).Select(n => $"a-e{n}"), ids);
    }

    [Fact]
    public void Releasing_a_partition_stops_its_sessions_and_only_those()
    {
        var region = NewRegion(new SessionOptions());
        region.Tell(new ApplyEvent(Events.Click("a", 1), Partition: 0));
        region.Tell(new ApplyEvent(Events.Click("b", 1), Partition: 1));
        ReceiveN(2);

        region.Tell(new ReleasePartitions([0]));
        AwaitAssert(() =>
        {
            region.Tell(GetRegionStats.Instance);
            Assert.Equal(1, ExpectMsg<RegionStats>().LiveSessions);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        region.Tell(new ApplyEvent(Events.Click("a", 2), Partition: 0));
        region.Tell(new ApplyEvent(Events.Click("b", 2), Partition: 1));

        var decisions = ReceiveN(2).Cast<EventDecided>().ToDictionary(d => d.Decision.SessionId, d => d.Decision.Sequence);
        Assert.Equal(1, decisions["a"]);
        Assert.Equal(2, decisions["b"]);
    }
}
