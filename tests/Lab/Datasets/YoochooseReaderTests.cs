using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class YoochooseReaderTests
{
    private static string PreparedFixture => Repository.Data("fixtures/rsc15_100k_test_first30.tsv");
    private static string RawFixture => Repository.Data("fixtures/yoochoose-clicks_first1000.dat.gz");

    [Fact]
    public void Prepared_tsv_rows_become_product_views_in_time_order()
    {
        var events = DatasetReader.Read(PreparedFixture, DatasetFormat.Yoochoose).ToList();
        Assert.Equal(30, events.Count);
        Assert.Equal(7, events.Select(e => e.SessionId).Distinct().Count());
        Assert.All(events, e => Assert.Equal(ClickType.ProductView, e.Type));
        Assert.All(events, e => Assert.Null(e.UserId));
        Assert.All(events, e => Assert.Null(e.Price));
        EventAssertions.InTimeOrder(events);
        // The file is grouped by session; the earliest click is session 44's "44\t214820441\t1396842690.888".
        Assert.Equal(new ClickEvent("yoochoose:44:0", "44", null,
            DateTimeOffset.FromUnixTimeMilliseconds(1_396_842_690_888), ClickType.ProductView, "214820441"), events[0]);
        // "1\t214536502\t1396860669.277" is session 1's first click.
        var first = events.Single(e => e.EventId == "yoochoose:1:0");
        Assert.Equal(("214536502", new DateTimeOffset(2014, 4, 7, 8, 51, 9, 277, TimeSpan.Zero)),
            (first.ProductId, first.Timestamp));
    }

    [Fact]
    public void Raw_clicks_map_category_zero_to_unknown()
    {
        var events = DatasetReader.Read(RawFixture, DatasetFormat.Yoochoose).ToList();
        Assert.Equal(1_000, events.Count);
        Assert.Equal(272, events.Select(e => e.SessionId).Distinct().Count());
        // Every row of this fixture has Category 0, the dataset's "unknown".
        Assert.All(events, e => Assert.Null(e.CategoryId));
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
        // Raw row "1,2014-04-07T10:51:09.277Z,214536502,0".
        var first = events.Single(e => e.EventId == "yoochoose:1:0");
        Assert.Equal(("214536502", new DateTimeOffset(2014, 4, 7, 10, 51, 9, 277, TimeSpan.Zero)),
            (first.ProductId, first.Timestamp));
        EventAssertions.PassTheCodec(events);
    }

    [Fact]
    public void Two_reads_give_identical_ids()
    {
        var a = DatasetReader.Read(RawFixture, DatasetFormat.Yoochoose).Select(e => e.EventId).ToList();
        var b = DatasetReader.Read(RawFixture, DatasetFormat.Yoochoose).Select(e => e.EventId).ToList();
        Assert.Equal(a, b);
    }

    [SharedDataFact("yoochoose-rsc15/rsc15_100k_train_full.tsv.gz")]
    public void Full_train_split_matches_its_README()
    {
        var events = DatasetReader.Read(SharedData.PathOf("yoochoose-rsc15/rsc15_100k_train_full.tsv.gz"),
            DatasetFormat.Yoochoose).ToList();
        Assert.Equal(70_278, events.Count);
        Assert.Equal(17_794, events.Select(e => e.SessionId).Distinct().Count());
        Assert.Equal(2_933, events.Select(e => e.ProductId).Distinct().Count());
        Assert.Equal(new DateTimeOffset(2014, 4, 1, 1, 2, 21, TimeSpan.Zero), Truncate(events[0].Timestamp));
        Assert.Equal(new DateTimeOffset(2014, 4, 7, 0, 43, 12, TimeSpan.Zero), Truncate(events[^1].Timestamp));
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
    }

    [SharedDataFact("yoochoose-rsc15/rsc15_100k_test.tsv.gz")]
    public void Test_split_matches_its_README()
    {
        var events = DatasetReader.Read(SharedData.PathOf("yoochoose-rsc15/rsc15_100k_test.tsv.gz"),
            DatasetFormat.Yoochoose).ToList();
        Assert.Equal(13_568, events.Count);
        Assert.Equal(3_416, events.Select(e => e.SessionId).Distinct().Count());
        Assert.Equal(1_771, events.Select(e => e.ProductId).Distinct().Count());
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
