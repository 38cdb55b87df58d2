using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;

namespace Journeys.Scoring.Tests.Catalog;

public class CatalogTrendTests
{
    // Buckets of a minute, a 10-minute short window in a 60-minute long one: momentum runs from 0 to 6.
    private static readonly CatalogOptions Options = new()
    {
        TrendBucket = TimeSpan.FromMinutes(1),
        TrendShortWindow = TimeSpan.FromMinutes(10),
        TrendLongWindow = TimeSpan.FromMinutes(60),
        RisingMomentum = 2,
        DecliningMomentum = 0.5,
        MinTrendingEvents = 20,
        MinEmergingEvents = 5,
        MinHistoryEvents = 20,
    };

    /// <summary>
    /// Minutes 0–59 complete, plus a little of minute 60 (in progress): S steady at 2/min; T 1/min then 6/min in the
    /// last 10 minutes; E silent then 1/min in the last 10 minutes; D 2/min then silent for the last 10; U 3 events.
    /// </summary>
    private static CatalogSnapshot Stream(CatalogOptions options)
    {
        var events = new List<(DateTimeOffset Time, string Product, string Category)>();
        var start = CatalogEvents.Start;
        for (var minute = 0; minute < 60; minute++)
        {
            var t = start.AddMinutes(minute);
            Repeat(2, "S", "x");
            Repeat(minute < 50 ? 1 : 6, "T", "x");
            if (minute >= 50) Repeat(1, "E", "y");
            if (minute < 50) Repeat(2, "D", "x");
            if (minute == 30) Repeat(3, "U", "x");

            void Repeat(int n, string product, string category)
            {
                for (var i = 0; i < n; i++) events.Add((t.AddSeconds(i), product, category));
            }
        }
        // The bucket in progress: not counted until it completes.
        for (var i = 0; i < 5; i++) events.Add((start.AddMinutes(60).AddSeconds(i), "E", "y"));
        var model = new CatalogModel(options);
        var n = 0;
        foreach (var (time, product, category) in events.OrderBy(e => e.Time))
        {
            model.Observe(new ClickEvent($"e{n++}", $"s-{product}", null, time, ClickType.ProductView, product, category));
        }
        return model.Publish();
    }

    [Fact]
    public void Momentum_over_the_short_and_long_windows_gives_each_status()
    {
        var snapshot = Stream(Options);

        Assert.Equal(TrendStatus.Stable, snapshot.Trend("S"));
        Assert.Equal(TrendStatus.Trending, snapshot.Trend("T"));
        Assert.Equal(TrendStatus.Emerging, snapshot.Trend("E"));
        Assert.Equal(TrendStatus.Declining, snapshot.Trend("D"));
        Assert.Equal(TrendStatus.Unknown, snapshot.Trend("U"));
        Assert.Equal(TrendStatus.Unknown, snapshot.Trend("never-seen"));
    }

    [Fact]
    public void Trending_lists_rank_rising_products_by_short_window_events_times_momentum()
    {
        var snapshot = Stream(Options);

        var global = snapshot.Trending(null);

        Assert.Equal(["T", "E"], global.Select(t => t.ProductId));
        // T: 60 events in the short window; rate 6/min against 110/60 per minute.
        Assert.Equal(60, global[0].ShortWindowEvents);
        Assert.Equal(6 / (110.0 / 60), global[0].Momentum, 4);
        Assert.Equal(60 * 6 / (110.0 / 60), global[0].Score, 2);
        // E: all of its long-window events are recent, the highest momentum there is. The 5 events of the minute in
        // progress are not counted yet.
        Assert.Equal(10, global[1].ShortWindowEvents);
        Assert.Equal(6, global[1].Momentum, 4);
        Assert.Equal(TrendStatus.Emerging, global[1].Status);
    }

    [Fact]
    public void Trending_lists_exist_per_category_and_have_at_most_TrendingListSize_entries()
    {
        var options = new CatalogOptions
        {
            TrendBucket = Options.TrendBucket, TrendShortWindow = Options.TrendShortWindow, TrendLongWindow = Options.TrendLongWindow,
            MinTrendingEvents = 20, MinEmergingEvents = 5, MinHistoryEvents = 20, TrendingListSize = 1,
        };

        var snapshot = Stream(options);

        Assert.Equal(["T"], snapshot.Trending(null).Select(t => t.ProductId));
        Assert.Equal(["T"], snapshot.Trending("x").Select(t => t.ProductId));
        Assert.Equal(["E"], snapshot.Trending("y").Select(t => t.ProductId));
        Assert.Empty(snapshot.Trending("z"));
    }

    [Fact]
    public void A_young_model_measures_momentum_against_the_history_it_has()
    {
        var model = new CatalogModel(Options);
        var n = 0;
        // Steady at 2 a minute for 20 minutes: against a full hour the last 10 minutes would look three times the usual rate.
        for (var minute = 0; minute < 20; minute++)
        {
            for (var i = 0; i < 2; i++)
            {
                model.Observe(new ClickEvent($"e{n++}", "s", null, CatalogEvents.Start.AddMinutes(minute).AddSeconds(i), ClickType.ProductView, "A"));
            }
        }
        model.Observe(new ClickEvent($"e{n}", "s", null, CatalogEvents.Start.AddMinutes(20), ClickType.PageView));

        var snapshot = model.Publish();

        Assert.Equal(TrendStatus.Stable, snapshot.Trend("A"));
        Assert.Empty(snapshot.Trending(null));
    }

    [Fact]
    public void Events_older_than_the_long_window_no_longer_count()
    {
        var model = new CatalogModel(Options);
        var n = 0;
        for (var i = 0; i < 30; i++)
        {
            model.Observe(new ClickEvent($"e{n++}", "s", null, CatalogEvents.Start.AddSeconds(i), ClickType.ProductView, "A"));
        }
        model.Observe(new ClickEvent($"e{n++}", "s", null, CatalogEvents.Start.AddMinutes(30), ClickType.PageView));
        var declining = model.Publish();
        // Two hours later the burst has left the long window entirely.
        model.Observe(new ClickEvent($"e{n}", "s", null, CatalogEvents.Start.AddHours(2), ClickType.PageView));

        var later = model.Publish();

        Assert.Equal(TrendStatus.Declining, declining.Trend("A"));
        Assert.Equal(TrendStatus.Unknown, later.Trend("A"));
    }
}
