using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Views;

/// <summary>
/// A view saved mid-stream and restored goes on exactly as if it had never stopped: every snapshot after the restore
/// equals, byte for byte, the snapshot of a model that saw the whole stream without a break.
/// </summary>
public sealed class ViewModelStateTests
{
    // Small bounds, so the stream overflows every table: evictions and Space-Saving replacements must survive a restore too.
    private static readonly CatalogOptions Catalog = new()
    {
        MaxItems = 90,
        MaxTrackedSessions = 30,
        MaxRelationsPerItem = 6,
        PublishedRelationsPerItem = 4,
        MaxBasketItems = 5,
        TrendBucket = TimeSpan.FromMinutes(5),
        TrendShortWindow = TimeSpan.FromMinutes(30),
        TrendLongWindow = TimeSpan.FromHours(2),
        RelationHalfLife = TimeSpan.FromHours(1),
        MinHistoryEvents = 3,
        MinTrendingEvents = 2,
        MinEmergingEvents = 2,
    };

    private static readonly SessionNeighbourOptions Neighbours = new() { MaxSessions = 50, MaxItemsPerSession = 6, MaxSessionsPerItem = 10 };

    private static readonly ForecastOptions Forecast = new() { MaxProducts = 80, HistoryDays = 7, MinHistoryDays = 1 };

    private const int SnapshotEvery = 97;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 777)]
    [InlineData(3, 2500)]
    [InlineData(4, 3999)]
    public void A_catalog_model_restored_mid_stream_publishes_what_an_unbroken_one_publishes(int seed, int split)
    {
        var clicks = ViewStreams.Mixed(seed, 4000);
        var unbroken = new CatalogModel(Catalog, SeededIndex());
        var expected = Run(unbroken, clicks, 0, clicks.Count);

        var first = new CatalogModel(Catalog, SeededIndex());
        var before = Run(first, clicks, 0, split);
        var restored = CatalogModel.Restore(Catalog, Neighbours, Reader(first.WriteState), () => throw new InvalidOperationException("the state holds an index"));
        var after = Run(restored, clicks, split, clicks.Count);

        Assert.Equal(expected.Count, before.Count + after.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var actual = i < before.Count ? before[i] : after[i - before.Count];
            Assert.Equal(expected[i].Encoded, actual.Encoded);
            Assert.Equal(expected[i].Neighbours, actual.Neighbours);
        }
        Assert.Equal(unbroken.EventsObserved, restored.EventsObserved);
        Assert.Equal(unbroken.TrackedItems, restored.TrackedItems);
        Assert.Equal(unbroken.TrackedSessions, restored.TrackedSessions);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 1234)]
    [InlineData(7, 3999)]
    public void A_forecast_model_restored_mid_stream_publishes_what_an_unbroken_one_publishes(int seed, int split)
    {
        // Days of clicks, so forecasts have history and new days drop quiet products.
        var clicks = ViewStreams.Mixed(seed, 4000).Select((c, i) => c with { Timestamp = c.Timestamp.AddMinutes(7 * i) }).ToList();
        var stock = new SeededProductFeed(seed);
        var unbroken = new ForecastModel(Forecast);
        var expected = Run(unbroken, clicks, 0, clicks.Count, stock);

        var first = new ForecastModel(Forecast);
        var before = Run(first, clicks, 0, split, stock);
        var restored = ForecastModel.Restore(Forecast, Reader(first.WriteState));
        var after = Run(restored, clicks, split, clicks.Count, stock);

        var actual = before.Concat(after).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void A_catalog_state_written_with_another_trend_bucket_is_refused_naming_the_setting()
    {
        var model = new CatalogModel(Catalog);
        foreach (var click in ViewStreams.Mixed(8, 200)) model.Observe(click);
        var other = new CatalogOptions { TrendBucket = TimeSpan.FromMinutes(1), TrendShortWindow = Catalog.TrendShortWindow, TrendLongWindow = Catalog.TrendLongWindow };

        var error = Assert.Throws<InvalidDataException>(() => CatalogModel.Restore(other, null, Reader(model.WriteState)));

        Assert.Contains("Catalog:TrendBucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_state_with_more_products_than_the_running_bound_is_refused()
    {
        var model = new CatalogModel(Catalog);
        foreach (var click in ViewStreams.Mixed(9, 2000)) model.Observe(click);
        var smaller = new CatalogOptions
        {
            MaxItems = 10, TrendBucket = Catalog.TrendBucket, TrendShortWindow = Catalog.TrendShortWindow,
            TrendLongWindow = Catalog.TrendLongWindow, RelationHalfLife = Catalog.RelationHalfLife,
        };

        var error = Assert.Throws<InvalidDataException>(() => CatalogModel.Restore(smaller, null, Reader(model.WriteState)));

        Assert.Contains("products", error.Message, StringComparison.Ordinal);
    }

    private static SessionNeighbourIndex SeededIndex()
    {
        var index = new SessionNeighbourIndex(Neighbours);
        index.Seed([["p1", "p2", "p3"], ["p2", "p4"], ["p9", "p1"]]);
        return index;
    }

    private static BinaryReader Reader(Action<BinaryWriter> write)
    {
        var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        bytes.Position = 0;
        return new BinaryReader(bytes);
    }

    private static List<(byte[] Encoded, string Neighbours)> Run(CatalogModel model, IReadOnlyList<ClickEvent> clicks, int from, int to)
    {
        var snapshots = new List<(byte[], string)>();
        for (var i = from; i < to; i++)
        {
            model.Observe(clicks[i]);
            if ((i + 1) % SnapshotEvery == 0 || i == clicks.Count - 1)
            {
                var snapshot = model.Publish();
                snapshots.Add((CatalogSnapshotCodec.Encode(snapshot), Describe(snapshot.Neighbours)));
            }
        }
        return snapshots;
    }

    private static List<string> Run(ForecastModel model, IReadOnlyList<ClickEvent> clicks, int from, int to, SeededProductFeed feed)
    {
        var snapshots = new List<string>();
        for (var i = from; i < to; i++)
        {
            if (feed.RowAt(i) is { } row) model.Apply(row);
            model.Observe(clicks[i]);
            if ((i + 1) % SnapshotEvery == 0 || i == clicks.Count - 1)
            {
                snapshots.Add(System.Text.Encoding.UTF8.GetString(ForecastSnapshotCodec.Encode(model.Publish())));
            }
        }
        return snapshots;
    }

    private static string Describe(SessionNeighbourSnapshot s) =>
        $"v{s.Version} items [{string.Join(',', s.Items)}] sessions [{string.Join(',', s.SessionStarts)}] [{string.Join(',', s.SessionItems)}] "
        + $"postings [{string.Join(',', s.PostingStarts)}] [{string.Join(',', s.Postings)}] ids [{string.Join(',', s.SessionNumbers.OrderBy(p => p.Value).Select(p => p.Key))}]";

    /// <summary>Stock rows for a few products now and then, the same for every run of a seed.</summary>
    private sealed class SeededProductFeed(int seed)
    {
        public Contracts.ProductFeed.ProductFeedItem? RowAt(int i)
        {
            if (i % 50 != 0) return null;
            var random = new Random(seed * 100_003 + i);
            var product = random.Next(40);
            return new Contracts.ProductFeed.ProductFeedItem($"p{product}", null, 10, 5, random.NextDouble() < 0.1 ? null : random.Next(0, 200));
        }
    }
}
