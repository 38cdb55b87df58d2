using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Views;
using Reactive.Streams;

namespace Journeys.Scoring.Tests.Catalog;

public sealed class CatalogStageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create($"catalog-stage-{Guid.NewGuid():N}");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    private static IReadOnlyList<ClickEvent> Events() => new CatalogEvents().Views("s1", "A", "B", "C").Views("s2", "A", "B").Events;

    [Fact]
    public async Task Completion_publishes_a_final_snapshot_of_every_event()
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = TimeSpan.FromHours(1) });

        var snapshots = await Source.From(Events()).Select(ViewClick.Unplaced).Via(stage).RunWith(Sink.Seq<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        var snapshot = Assert.Single(snapshots);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(["B", "C"], snapshot.Related("A").Select(r => r.ProductId));
    }

    [Fact]
    public async Task The_stage_seeds_its_session_neighbour_index_and_feeds_it_every_product_click()
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = TimeSpan.FromHours(1) }, new SessionNeighbourOptions(),
            [["A", "Z"], ["Q"]]);

        var snapshot = await Source.From(Events()).Select(ViewClick.Unplaced).Via(stage).RunWith(Sink.Last<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        // Two seeded sessions and the stream's s1 and s2.
        Assert.Equal(4, snapshot.Neighbours.SessionCount);
        Assert.Equal(["A", "B", "C", "Z"], snapshot.Neighbours.Score(["A"], excludeSessionId: "s2").Select(s => s.ProductId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_seeded_index_is_published_before_the_first_click()
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = TimeSpan.FromHours(1) }, new SessionNeighbourOptions(),
            [["A", "Z"], ["Q"]]);

        var snapshot = await Source.Never<ClickEvent>().Select(ViewClick.Unplaced).Via(stage).RunWith(Sink.First<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        Assert.Equal(2, snapshot.Neighbours.SessionCount);
        Assert.Equal(["Z"], snapshot.Neighbours.Score(["A"]).Select(s => s.ProductId).Where(p => p != "A"));
    }

    [Fact]
    public async Task Without_neighbour_options_the_snapshot_carries_an_empty_view()
    {
        var snapshot = await Source.From(Events()).Select(ViewClick.Unplaced).Via(new CatalogStage(new CatalogOptions()))
            .RunWith(Sink.Last<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        Assert.Same(SessionNeighbourSnapshot.Empty, snapshot.Neighbours);
    }

    [Fact]
    public async Task An_empty_stream_publishes_nothing()
    {
        var stage = new CatalogStage(new CatalogOptions());

        var snapshots = await Source.Empty<ClickEvent>().Select(ViewClick.Unplaced).Via(stage).RunWith(Sink.Seq<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        Assert.Empty(snapshots);
    }

    [Fact]
    public async Task The_timer_publishes_while_the_stream_is_still_open()
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = TimeSpan.FromMilliseconds(20) });

        // The source never completes: only the timer can publish.
        var snapshot = await Source.From(Events()).Concat(Source.Never<ClickEvent>()).Select(ViewClick.Unplaced).Via(stage)
            .RunWith(Sink.First<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);

        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task The_stage_consumes_every_event_while_downstream_asks_for_nothing()
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = TimeSpan.FromMilliseconds(10) });
        var events = new CatalogEvents();
        for (var i = 0; i < 5_000; i++) events.View($"s{i % 100}", $"p{i % 300}");

        var upstreamDone = Source.From(events.Events).WatchTermination(Keep.Right).Select(ViewClick.Unplaced).Via(stage)
            .To(Sink.FromSubscriber(new SilentSubscriber())).Run(_system.Materializer());

        await upstreamDone.WaitAsync(Patience);
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_stage_is_built()
    {
        Assert.Throws<ArgumentException>(() => new CatalogStage(new CatalogOptions { MaxItems = 0 }));
    }

    /// <summary>Subscribes and never requests an element: a downstream that is stuck.</summary>
    private sealed class SilentSubscriber : ISubscriber<CatalogSnapshot>
    {
        public void OnSubscribe(ISubscription subscription)
        {
        }

        public void OnNext(CatalogSnapshot element)
        {
        }

        public void OnError(Exception cause)
        {
        }

        public void OnComplete()
        {
        }
    }
}
