using Journeys.Scoring.Catalog;

namespace Journeys.Scoring.Tests.Catalog;

public class CatalogSnapshotCodecTests
{
    private static CatalogSnapshot Sample()
    {
        var events = new CatalogEvents();
        for (var i = 0; i < 30; i++)
        {
            var s = $"s{i % 7}";
            events.View(s, $"p{i % 5}", $"c{i % 2}").View(s, $"p{(i * 3) % 7}");
            if (i % 4 == 0) events.Cart(s, $"p{i % 5}").Purchase(s, $"p{(i * 3) % 7}");
        }
        // A burst on p1 makes it trend; the page view just after it closes the burst's last whole bucket.
        for (var j = 0; j < 20; j++) events.View($"burst{j}", "p1", "c1");
        events.At(CatalogEvents.Start.AddSeconds(events.Events.Count + 1)).PageView("end");
        var options = new CatalogOptions
        {
            TrendBucket = TimeSpan.FromSeconds(5), TrendShortWindow = TimeSpan.FromSeconds(20), TrendLongWindow = TimeSpan.FromSeconds(120),
            MinTrendingEvents = 2, MinEmergingEvents = 1, MinHistoryEvents = 2, MinSubstituteCoViews = 1,
        };
        return events.Feed(new CatalogModel(options)).Publish();
    }

    [Fact]
    public void A_snapshot_survives_encoding_unchanged()
    {
        var snapshot = Sample();

        var decoded = CatalogSnapshotCodec.Decode(CatalogSnapshotCodec.Encode(snapshot));

        Assert.Equal(snapshot.Version, decoded.Version);
        Assert.Equal(snapshot.AsOf, decoded.AsOf);
        Assert.Equal(snapshot.ProductsWithRelations, decoded.ProductsWithRelations);
        Assert.True(snapshot.ProductsWithRelations > 0);
        foreach (var product in Enumerable.Range(0, 8).Select(i => $"p{i}"))
        {
            Assert.Equal(snapshot.Related(product), decoded.Related(product));
            Assert.Equal(snapshot.Trend(product), decoded.Trend(product));
            Assert.Equal(snapshot.CategoryOf(product), decoded.CategoryOf(product));
        }
        Assert.Contains(snapshot.Related("p0"), r => r.Kind == RelationKind.CoPurchase);
        Assert.Contains(snapshot.Related("p0"), r => r.IsSubstitute);
        Assert.NotEmpty(snapshot.Trending(null));
        Assert.Equal(snapshot.Trending(null), decoded.Trending(null));
        foreach (var category in new[] { "c0", "c1" }) Assert.Equal(snapshot.Trending(category), decoded.Trending(category));
        Assert.Equal(CatalogSnapshotCodec.Encode(snapshot), CatalogSnapshotCodec.Encode(decoded));
    }

    [Fact]
    public void The_empty_snapshot_survives_encoding()
    {
        var decoded = CatalogSnapshotCodec.Decode(CatalogSnapshotCodec.Encode(CatalogSnapshot.Empty));

        Assert.Equal(0, decoded.Version);
        Assert.Empty(decoded.Related("p"));
        Assert.Empty(decoded.Trending(null));
    }

    [Fact]
    public void Bytes_that_are_no_snapshot_are_refused_with_InvalidDataException()
    {
        var bytes = CatalogSnapshotCodec.Encode(Sample());

        Assert.Throws<InvalidDataException>(() => CatalogSnapshotCodec.Decode("{\"json\":1}"u8));
        Assert.Throws<InvalidDataException>(() => CatalogSnapshotCodec.Decode(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Throws<InvalidDataException>(() => CatalogSnapshotCodec.Decode([.. bytes, 0]));
    }
}
