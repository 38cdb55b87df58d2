using Akka.Actor;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.SessionActors.Tests.State;

/// <summary>Sessions saved to and restored from a real (embedded) Garnet.</summary>
public sealed class GarnetPersistenceTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly EmbeddedGarnet _garnet = EmbeddedGarnet.Start();
    private readonly CountingScorer _scorer = new();
    private GarnetSessionStore _store = null!;
    private SnapshotWriter _writer = null!;
    private SnapshotLoader _loader = null!;

    public Task InitializeAsync()
    {
        _store = new GarnetSessionStore(_garnet.Endpoint, password: null, "test", TimeSpan.FromMinutes(5));
        _writer = new SnapshotWriter(_store, TimeSpan.FromMilliseconds(5), NullLogger<SnapshotWriter>.Instance);
        _loader = new SnapshotLoader(_store, NullLogger<SnapshotLoader>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _loader.DisposeAsync();
        _store.Dispose();
        _garnet.Dispose();
    }

    private IActorRef NewRegion() =>
        Sys.ActorOf(SessionRegion.Props(_scorer, CountingScorer.Encode, new SessionOptions(), new SessionPersistence(_loader, _writer)));

    private async Task<SessionState> StateOfAsync(IActorRef region, string session)
    {
        var actor = await Sys.ActorSelection(region.Path / SessionRegion.ActorName(session)).ResolveOne(TimeSpan.FromSeconds(3));
        actor.Tell(GetSessionState.Instance);
        return await ExpectMsgAsync<SessionState>();
    }

    private void Play(IActorRef region, string session, int from, int to, DurableCounter sink)
    {
        for (var n = from; n <= to; n++)
        {
            region.Tell(new ApplyEvent(Events.Click(session, n, product: $"p-{n % 3}"), Partition: 0, ReplyTo: sink, Offset: n));
        }
        AwaitCondition(() => sink.Replies.Count >= to - from + 1 + sink.Offset, TimeSpan.FromSeconds(10));
        sink.Offset = sink.Replies.Count;
    }

    [Fact]
    public async Task A_passivated_session_wakes_with_the_state_it_would_have_had_without_passivation()
    {
        var region = NewRegion();
        var (passivated, steady) = (new DurableCounter(), new DurableCounter());

        Play(region, "a", 1, 5, passivated);
        Play(region, "b", 1, 5, steady);
        region.Tell(new Passivate("a"));
        await AwaitAssertAsync(() =>
        {
            region.Tell(GetRegionStats.Instance);
            Assert.Equal(1, ExpectMsg<RegionStats>().SessionsPassivated);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
        Play(region, "a", 6, 10, passivated);
        Play(region, "b", 6, 10, steady);

        var (a, b) = (await StateOfAsync(region, "a"), await StateOfAsync(region, "b"));
        Assert.Equal(b.H, a.H);
        Assert.Equal(10, a.Sequence);
        Assert.Equal(b.RecentItems().ToList(), a.RecentItems().ToList());
        Assert.Equal(b.SeenCount, a.SeenCount);
        Assert.All(Enumerable.Range(1, 10), n => Assert.True(a.HasSeen(Events.Click("a", n).EventId)));
        Assert.Equal(Enumerable.Range(1, 10), passivated.Decided.Select(d => d.Sequence));
    }

    [Fact]
    public async Task Another_engine_continues_a_session_from_garnet_and_skips_events_its_snapshot_covers()
    {
        var first = NewRegion();
        var sink = new DurableCounter { ActAsDelivered = true };
        Play(first, "a", 1, 4, sink);
        AwaitCondition(() => sink.Durable == 4, TimeSpan.FromSeconds(10));
        Sys.Stop(first);

        // A second region stands in for the engine that takes the partition over: it replays from offset 3.
        var second = NewRegion();
        var again = new DurableCounter();
        Play(second, "a", 3, 6, again);

        // Both decisions were confirmed delivered before their snapshot was written, so neither is sent again.
        Assert.IsType<EventAlreadyApplied>(again.Replies[0]);
        Assert.IsType<EventAlreadyApplied>(again.Replies[1]);
        Assert.Equal([5, 6], again.Decided.Select(d => d.Sequence));
        Assert.Equal(6f, (await StateOfAsync(second, "a")).H[0]);
    }

    [Fact]
    public async Task A_snapshot_written_with_an_undelivered_decision_sends_that_same_decision_again()
    {
        var first = NewRegion();
        var sink = new DurableCounter();
        Play(first, "a", 1, 2, sink);
        AwaitCondition(() => sink.Durable == 2, TimeSpan.FromSeconds(10));
        var original = sink.Decided[1];
        Sys.Stop(first);

        var second = NewRegion();
        var again = new DurableCounter();
        Play(second, "a", 2, 2, again);

        // Neither decision was marked delivered here, so the snapshot still carries them.
        Assert.Equal(Json(original), Json(Assert.IsType<EventDecided>(again.Replies[0]).Decision));
        Assert.NotNull(await _store.LatestDecisionAsync("a"));
    }

    private static string Json(Journeys.Contracts.Decisions.Decision d) =>
        System.Text.Json.JsonSerializer.Serialize(d, Journeys.Contracts.Json.JourneysJsonContext.Default.Decision);

    [Fact]
    public async Task A_session_whose_snapshot_cannot_be_read_goes_on_from_an_empty_state()
    {
        using (var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_garnet.Endpoint))
        {
            await raw.GetDatabase().StringSetAsync(_store.SessionKey("a"), "JS\u0063 written by a future build"u8.ToArray());
        }
        var region = NewRegion();
        var sink = new DurableCounter();

        EventFilter.Error(contains: "cannot be read").ExpectOne(() => Play(region, "a", 1, 2, sink));

        Assert.Equal([1, 2], sink.Decided.Select(d => d.Sequence));
    }

    [Fact]
    public async Task An_erased_live_session_starts_afresh_and_nothing_it_queued_brings_its_state_back()
    {
        var region = NewRegion();
        var sink = new DurableCounter();
        for (var n = 1; n <= 3; n++)
        {
            region.Tell(new ApplyEvent(Events.Click("a", n) with { UserId = "u-1" }, Partition: 0, ReplyTo: sink, Offset: n));
        }
        AwaitCondition(() => sink.Durable == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["a"], await _store.SessionsOfUserAsync("u-1"));

        Assert.Equal(["a"], await _store.EraseUserAsync("u-1"));
        region.Tell(new EraseSession("a"));
        region.Tell(new ApplyEvent(Events.Click("a", 4), Partition: 0, ReplyTo: sink, Offset: 4));
        AwaitCondition(() => sink.Durable == 4, TimeSpan.FromSeconds(10));

        Assert.Equal(1, sink.Decided[^1].Sequence);
        Assert.Equal(1, (await _store.LoadAsync("a", CancellationToken.None))?.Sequence);
        Assert.Contains("\"sessions\":1", await _store.ErasureAsync("user", "u-1"), StringComparison.Ordinal);
        Assert.NotNull(await _store.ErasureAsync("session", "a"));
        Assert.Empty(await _store.SessionsOfUserAsync("u-1"));
    }

    [Fact]
    public async Task Erasing_a_session_that_is_not_live_deletes_what_the_writer_still_held()
    {
        var region = NewRegion();
        var sink = new DurableCounter();
        Play(region, "a", 1, 2, sink);
        region.Tell(new Passivate("a"));
        region.Tell(new EraseSession("a"));
        Play(region, "a", 3, 3, sink);

        // The erase came after event 2 and before event 3: event 3 is the first of a new session.
        Assert.Equal(1, sink.Decided[^1].Sequence);
        await AwaitConditionAsync(async () => (await _store.LoadAsync("a", CancellationToken.None))?.Sequence == 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_lost_partitions_queued_writes_arriving_after_the_new_owners_are_refused_and_the_newer_state_survives()
    {
        // Engine A owns partition 0, decides events 1-3 of session a and holds their snapshots (its writes are slow to
        // go out, as if it were cut off); engine B takes the partition over and decides events 1-5; then A's writes arrive.
        var storeA = new GarnetSessionStore(_garnet.Endpoint, password: null, "test", TimeSpan.FromMinutes(5));
        await using var writerA = new SnapshotWriter(storeA, TimeSpan.FromSeconds(3), NullLogger<SnapshotWriter>.Instance);
        await using var loaderA = new SnapshotLoader(storeA, NullLogger<SnapshotLoader>.Instance);
        writerA.OnPartitionsAssigned([0]);
        var regionA = Sys.ActorOf(SessionRegion.Props(_scorer, CountingScorer.Encode, new SessionOptions(), new SessionPersistence(loaderA, writerA)));
        var stale = new DurableCounter();
        Play(regionA, "a", 1, 3, stale);

        _writer.OnPartitionsAssigned([0]);
        var owner = new DurableCounter();
        Play(NewRegion(), "a", 1, 5, owner);
        AwaitCondition(() => owner.Durable == 5, TimeSpan.FromSeconds(10));

        // A's flush comes after B's writes: refused by Garnet, dropped by A, never acknowledged to A's events.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, writerA.Pending);
        Assert.Equal(0, stale.Durable);
        Assert.Equal(5, (await _store.LoadAsync("a", CancellationToken.None))?.Sequence);
        using (var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_garnet.Endpoint))
        {
            Assert.Equal(2, (long)await raw.GetDatabase().StringGetAsync(_store.EpochKey(0)));
        }
        storeA.Dispose();
    }

    private sealed class DurableCounter : ISessionReplySink
    {
        /// <summary>Confirms each decision's delivery as Kafka would, so snapshots stop carrying it.</summary>
        public bool ActAsDelivered { get; init; }

        private int _durable;

        public List<SessionReply> Replies { get; } = [];

        public int Offset { get; set; }

        public int Durable => Volatile.Read(ref _durable);

        public List<Journeys.Contracts.Decisions.Decision> Decided
        {
            get
            {
                lock (Replies)
                {
                    return [.. Replies.OfType<EventDecided>().Select(d => d.Decision)];
                }
            }
        }

        public void OnReply(SessionReply reply)
        {
            if (ActAsDelivered && reply is EventDecided { Pending: { } pending })
            {
                pending.MarkDelivered();
            }
            lock (Replies)
            {
                Replies.Add(reply);
            }
        }

        public void OnStateDurable() => Interlocked.Increment(ref _durable);
    }
}
