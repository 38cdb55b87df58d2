using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Views;

namespace Journeys.Scoring.Tests.Forecast;

public sealed class ForecastStageTests : IAsyncLifetime
{
    // A publish interval far longer than a test: the snapshots asserted on are the final ones, never a timer's.
    private static readonly ForecastOptions Options = new() { HistoryDays = 28, PublishInterval = TimeSpan.FromHours(1) };
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("forecast-stage-tests");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public async Task Completing_the_clicks_emits_a_final_snapshot_of_every_purchase()
    {
        var events = ForecastEvents.SteadySeller("a", 14, perDay: 3);

        var snapshots = await Source.From(events).Select(ViewClick.Unplaced).Via(new ForecastStage(Options)).RunWith(Sink.Seq<ForecastSnapshot>(), _system.Materializer());

        var last = snapshots[^1];
        Assert.True(last.Version >= 1);
        Assert.Equal(3, last.For("a")!.DailyMean, 9);
        Assert.Equal(events.Max(e => e.Timestamp), last.AsOf);
    }

    [Fact]
    public async Task Product_feed_rows_offered_to_the_inbox_set_the_stock_that_purchases_then_lower()
    {
        var inbox = new ProductFeedInbox();
        inbox.Offer(new ProductFeedItem("a", "c1", 9.5, 4, 10));
        inbox.Offer(new ProductFeedItem("a", "c1", 9.5, 4, 100));
        var events = ForecastEvents.SteadySeller("a", 14, perDay: 3);

        var last = await Source.From(events).Select(ViewClick.Unplaced).Via(new ForecastStage(Options, inbox)).RunWith(Sink.Last<ForecastSnapshot>(), _system.Materializer());

        // The latest row per product wins, and it was applied before the first click: all 42 units came off it.
        Assert.Equal(58, last.For("a")!.Stock);
        Assert.False(inbox.HasPending);
    }

    [Fact]
    public async Task No_clicks_still_end_with_a_snapshot()
    {
        var last = await Source.Empty<Journeys.Contracts.Events.ClickEvent>().Select(ViewClick.Unplaced).Via(new ForecastStage(Options))
            .RunWith(Sink.Last<ForecastSnapshot>(), _system.Materializer());

        Assert.Equal(0, last.Count);
        Assert.Equal(1, last.Version);
    }

    [Fact]
    public async Task A_failing_click_stream_fails_the_stage()
    {
        var failing = Source.From(ForecastEvents.SteadySeller("a", 2, perDay: 1))
            .Concat(Source.Failed<Journeys.Contracts.Events.ClickEvent>(new InvalidOperationException("broken feed")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            failing.Select(ViewClick.Unplaced).Via(new ForecastStage(Options)).RunWith(Sink.Seq<ForecastSnapshot>(), _system.Materializer()));

        Assert.Equal("broken feed", error.Message);
    }
}
