using Akka.Actor;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Tests.Sessions;

public sealed class SessionActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly CountingScorer _scorer = new();

    private IActorRef NewSession(string id, SessionOptions? options = null) =>
        Sys.ActorOf(SessionActor.Props(id, _scorer, CountingScorer.Encode, options ?? new SessionOptions()));

    [Fact]
    public void Events_are_applied_in_order_with_sequence_from_one()
    {
        var session = NewSession("s-1");
        for (var n = 1; n <= 50; n++)
        {
            session.Tell(new ApplyEvent(Events.Click("s-1", n)));
        }

        for (var n = 1; n <= 50; n++)
        {
            var d = ExpectMsg<EventDecided>().Decision;
            Assert.Equal($"s-1-e{n}", d.EventId);
            Assert.Equal(n, d.Sequence);
            Assert.Equal("test-counting", d.ModelVersion);
        }
        session.Tell(GetSessionState.Instance);
        var state = ExpectMsg<SessionState>();
        Assert.Equal(50f, state.H[0]);
    }

    [Fact]
    public void A_session_told_to_stop_during_a_step_decides_its_events_first_then_stops()
    {
        _scorer.Gate = new ManualResetEventSlim(false);
        var session = NewSession("s-1");
        Watch(session);
        session.Tell(new ApplyEvent(Events.Click("s-1", 1)));
        session.Tell(StopWhenIdle.Instance);
        session.Tell(new ApplyEvent(Events.Click("s-1", 2)));

        // The first step is held in flight: nothing decided, and the session has not stopped.
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _scorer.Gate.Set();

        Assert.Equal("s-1-e1", ExpectMsg<EventDecided>().Decision.EventId);
        ExpectTerminated(session);
        Assert.Equal(1, _scorer.Steps);
    }

    [Fact]
    public void A_reply_sink_gets_each_answer_before_the_next_event_is_stepped_and_the_sender_gets_nothing()
    {
        var session = NewSession("s-1");
        var sink = new RecordingSink(_scorer);
        for (var n = 1; n <= 30; n++)
        {
            session.Tell(new ApplyEvent(Events.Click("s-1", n), ReplyTo: sink));
        }
        session.Tell(new ApplyEvent(Events.Click("s-1", 30), ReplyTo: sink));

        AwaitCondition(() => sink.Replies.Count == 31, TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        var replies = sink.Replies.ToArray();
        for (var n = 1; n <= 30; n++)
        {
            var (reply, stepsSoFar) = replies[n - 1];
            Assert.Equal($"s-1-e{n}", Assert.IsType<EventDecided>(reply).Decision.EventId);
            // Answered on the session, before it took the next event: exactly n steps have run.
            Assert.Equal(n, stepsSoFar);
        }
        Assert.Equal(DeadLetterReason.DuplicateEvent, Assert.IsType<EventRejected>(replies[30].Reply).Reason);
    }

    private sealed class RecordingSink(CountingScorer scorer) : ISessionReplySink
    {
        public System.Collections.Concurrent.ConcurrentQueue<(SessionReply Reply, int StepsSoFar)> Replies { get; } = new();

        public int Durable;

        public void OnReply(SessionReply reply) => Replies.Enqueue((reply, Volatile.Read(ref scorer.Steps)));

        public void OnStateDurable() => Interlocked.Increment(ref Durable);
    }

    [Fact]
    public void A_duplicate_event_id_is_rejected_and_not_applied_twice()
    {
        var session = NewSession("s-1");
        var e = Events.Click("s-1", 1);

        session.Tell(new ApplyEvent(e));
        session.Tell(new ApplyEvent(e));

        ExpectMsg<EventDecided>();
        var rejected = ExpectMsg<EventRejected>();
        Assert.Equal(DeadLetterReason.DuplicateEvent, rejected.Reason);
        Assert.Equal(1, _scorer.Steps);
    }

    [Fact]
    public void A_failing_model_step_rejects_the_event_and_leaves_state_untouched()
    {
        var session = NewSession("s-1");
        session.Tell(new ApplyEvent(Events.Click("s-1", 1)));
        ExpectMsg<EventDecided>();

        _scorer.Fail = true;
        session.Tell(new ApplyEvent(Events.Click("s-1", 2)));
        var rejected = ExpectMsg<EventRejected>();
        _scorer.Fail = false;
        session.Tell(new ApplyEvent(Events.Click("s-1", 2)));
        var retried = ExpectMsg<EventDecided>().Decision;

        Assert.Equal(DeadLetterReason.ProcessingFailed, rejected.Reason);
        Assert.Contains("model exploded", rejected.Detail, StringComparison.Ordinal);
        Assert.Equal(2, retried.Sequence);
    }

    [Fact]
    public void Recommendations_come_from_the_model_and_skip_the_product_in_view()
    {
        var session = NewSession("s-1");

        session.Tell(new ApplyEvent(Events.Click("s-1", 1, product: "p-2")));

        var d = ExpectMsg<EventDecided>().Decision;
        Assert.Equal(["p-1", "p-3"], d.Recommendations.Select(r => r.ProductId));
        Assert.All(d.Recommendations, r => Assert.Equal("model", r.Reason));
        Assert.Equal(0.1, d.ConversionProbability, 6);
        Assert.Equal(0.3, d.FrictionScore, 6);
    }

    [Fact]
    public void Stage_follows_the_session_from_awareness_to_loyalty()
    {
        var session = NewSession("s-1");
        var script = new (ClickType Type, JourneyStage Expected)[]
        {
            (ClickType.PageView, JourneyStage.Awareness),
            (ClickType.Search, JourneyStage.Awareness),
            (ClickType.ProductView, JourneyStage.Consideration),
            (ClickType.AddToCart, JourneyStage.Intent),
            (ClickType.CheckoutStart, JourneyStage.Intent),
            (ClickType.Purchase, JourneyStage.Purchase),
            (ClickType.PageView, JourneyStage.Purchase),
            (ClickType.ProductView, JourneyStage.Loyalty),
        };
        for (var i = 0; i < script.Length; i++)
        {
            session.Tell(new ApplyEvent(Events.Click("s-1", i + 1, script[i].Type)));
        }

        foreach (var (_, expected) in script)
        {
            Assert.Equal(expected, ExpectMsg<EventDecided>().Decision.Stage);
        }
    }

    [Fact]
    public void Memory_per_session_stays_bounded_for_an_endless_session()
    {
        var options = new SessionOptions { DedupeWindow = 16, MaxCartLines = 4, RecentItems = 5 };
        var session = NewSession("s-1", options);
        for (var n = 1; n <= 200; n++)
        {
            session.Tell(new ApplyEvent(Events.Click("s-1", n, ClickType.AddToCart, product: $"p-{n}")));
        }
        ReceiveN(200);

        session.Tell(GetSessionState.Instance);
        var state = ExpectMsg<SessionState>();

        Assert.Equal(4, state.Journey.Cart.Count);
        Assert.Equal(["p-200", "p-199", "p-198", "p-197", "p-196"], state.RecentItems());
        Assert.True(state.HasSeen("s-1-e200"));
        Assert.False(state.HasSeen("s-1-e1"));
    }
}
