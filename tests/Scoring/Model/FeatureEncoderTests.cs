using Journeys.Contracts.Events;
using Journeys.Scoring.Model;

namespace Journeys.Scoring.Tests.Model;

public class FeatureEncoderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FeatureEncoder _encoder = new(["p1", "p2"], ["c1"], FeatureEncoder.DefaultPriceEdges, FeatureEncoder.DefaultGapEdgesSeconds);

    [Fact]
    public void Known_ids_map_to_their_one_based_vocabulary_position()
    {
        var f = _encoder.Encode(new ClickEvent("e", "s", null, T0, ClickType.AddToCart, "p2", "c1", 15), null);

        Assert.Equal(new StepFeatures((int)ClickType.AddToCart + 1, 2, 1, 5, 0), f);
        Assert.Equal("p2", _encoder.ProductAt(2));
        Assert.Null(_encoder.ProductAt(0));
    }

    [Fact]
    public void Unknown_or_missing_product_and_category_map_to_zero_without_throwing()
    {
        var unknown = _encoder.Encode(new ClickEvent("e", "s", null, T0, ClickType.ProductView, "nope", "never"), null);
        var missing = _encoder.Encode(new ClickEvent("e", "s", null, T0, ClickType.Search), null);

        Assert.Equal((0, 0), (unknown.Product, unknown.Category));
        Assert.Equal((0, 0), (missing.Product, missing.Category));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(-3.0, 0)]
    [InlineData(0.0, 1)]
    [InlineData(0.99, 1)]
    [InlineData(1.0, 2)]
    [InlineData(4.99, 3)]
    [InlineData(5.0, 4)]
    [InlineData(4999.0, 12)]
    [InlineData(5000.0, 13)]
    [InlineData(1e9, 13)]
    public void Price_buckets_are_log_spaced_with_zero_for_no_price(double? price, int bucket)
    {
        Assert.Equal(bucket, _encoder.PriceBucket(price));
        Assert.Equal(14, _encoder.PriceBucketCount);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(-10.0, 1)]
    [InlineData(0.0, 1)]
    [InlineData(4.9, 1)]
    [InlineData(5.0, 2)]
    [InlineData(29.9, 2)]
    [InlineData(30.0, 3)]
    [InlineData(119.0, 3)]
    [InlineData(120.0, 4)]
    [InlineData(599.0, 4)]
    [InlineData(600.0, 5)]
    [InlineData(3599.0, 5)]
    [InlineData(3600.0, 6)]
    [InlineData(86400.0, 6)]
    public void Gap_buckets_are_first_event_then_under_5s_30s_2min_10min_1h_and_longer(double? seconds, int bucket)
    {
        DateTimeOffset? previous = seconds is { } s ? T0.AddSeconds(-s) : null;

        var f = _encoder.Encode(new ClickEvent("e", "s", null, T0, ClickType.PageView), previous);

        Assert.Equal(bucket, f.GapBucket);
        Assert.Equal(7, _encoder.GapBucketCount);
    }

    [Fact]
    public void Bucket_edges_must_increase()
    {
        Assert.Throws<ArgumentException>(() => new FeatureEncoder([], [], [1, 1], [5]));
    }
}
