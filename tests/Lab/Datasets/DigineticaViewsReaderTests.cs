using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class DigineticaViewsReaderTests
{
    private static string Views => Repository.Data("fixtures/diginetica_sample_train-item-views_sessions_1_2_629.csv");
    private static string Categories => Repository.Data("fixtures/diginetica_product-categories_for_sessions_1_2_629.csv");

    [Fact]
    public void Timestamp_is_session_start_date_plus_timeframe()
    {
        var events = DatasetReader.Read(Views, DatasetFormat.DigineticaViews).ToList();
        Assert.Equal(37, events.Count);
        Assert.Equal(3, events.Select(e => e.SessionId).Distinct().Count());
        // Session 1's earliest view is "1;NA;9654;75848;2016-05-09": 75.848 s after midnight of its date.
        Assert.Equal(new ClickEvent("diginetica:1:0", "1", null,
            new DateTimeOffset(2016, 5, 9, 0, 1, 15, 848, TimeSpan.Zero), ClickType.ProductView, "9654"),
            events.Single(e => e.EventId == "diginetica:1:0"));
        EventAssertions.InTimeOrder(events);
        EventAssertions.PassTheCodec(events);
    }

    [Fact]
    public void Session_crossing_midnight_keeps_its_order_and_gaps()
    {
        var session = DatasetReader.Read(Views, DatasetFormat.DigineticaViews).Where(e => e.SessionId == "629").ToList();
        Assert.Equal(17, session.Count);
        // Earliest "629;NA;32184;13879;2016-03-20", latest "629;NA;1838;1184885;2016-03-21": both are counted from
        // the session's start date (03-20), so the midnight crossing does not add a day.
        Assert.Equal(("32184", new DateTimeOffset(2016, 3, 20, 0, 0, 13, 879, TimeSpan.Zero)),
            (session[0].ProductId, session[0].Timestamp));
        Assert.Equal(("1838", new DateTimeOffset(2016, 3, 20, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(1_184_885)),
            (session[^1].ProductId, session[^1].Timestamp));
        Assert.Equal(Enumerable.Range(0, 17).Select(i => $"diginetica:629:{i}"), session.Select(e => e.EventId));
    }

    [Fact]
    public void Categories_are_joined_when_given()
    {
        var events = DatasetReader.Read(Views, DatasetFormat.DigineticaViews, new DatasetReadOptions(Categories)).ToList();
        Assert.All(events, e => Assert.NotNull(e.CategoryId));
        // product-categories rows "81766;1010" and "1838;445".
        Assert.Equal("1010", events.First(e => e.ProductId == "81766").CategoryId);
        Assert.Equal("445", events.First(e => e.ProductId == "1838").CategoryId);
        Assert.Null(DatasetReader.Read(Views, DatasetFormat.DigineticaViews).First().CategoryId);
    }

    [Fact]
    public void Missing_categories_file_is_reported_at_once()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-categories-{Guid.NewGuid():N}.csv");
        var ex = Assert.Throws<FileNotFoundException>(() =>
            DatasetReader.Read(Views, DatasetFormat.DigineticaViews, new DatasetReadOptions(missing)));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("diginetica-cikm16/sample_train-item-views.csv.gz")]
    public void Shared_view_sample_matches_its_README()
    {
        var events = DatasetReader.Read(SharedData.PathOf("diginetica-cikm16/sample_train-item-views.csv.gz"),
            DatasetFormat.DigineticaViews,
            new DatasetReadOptions(SharedData.PathOf("diginetica-cikm16/product-categories.csv.gz"))).ToList();
        Assert.Equal(12_391, events.Count);
        Assert.Equal(2_986, events.Select(e => e.SessionId).Distinct().Count());
        Assert.Equal(7_139, events.Select(e => e.ProductId).Distinct().Count());
        Assert.Equal(new DateOnly(2016, 1, 3), DateOnly.FromDateTime(events[0].Timestamp.UtcDateTime));
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
    }
}
