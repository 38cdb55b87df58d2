using Journeys.Scoring.Catalog;

namespace Journeys.Scoring.Tests.Catalog;

public class CatalogOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new CatalogOptionsValidator().Validate(null, new CatalogOptions()).Succeeded);
        CatalogOptionsValidator.Check(new CatalogOptions());
    }

    [Fact]
    public void Publishing_more_relations_than_are_kept_is_refused_naming_both_settings()
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { MaxRelationsPerItem = 10, PublishedRelationsPerItem = 20 });

        Assert.True(result.Failed);
        Assert.Contains("PublishedRelationsPerItem", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxRelationsPerItem", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6.0)]
    [InlineData(10.0)]
    public void A_rising_momentum_no_product_can_reach_is_refused(double rising)
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { RisingMomentum = rising });

        Assert.True(result.Failed);
        Assert.Contains("RisingMomentum", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_must_be_whole_buckets_and_the_short_one_shorter()
    {
        var uneven = new CatalogOptionsValidator().Validate(null, new CatalogOptions { TrendBucket = TimeSpan.FromMinutes(7) });
        var reversed = new CatalogOptionsValidator().Validate(null, new CatalogOptions { TrendShortWindow = TimeSpan.FromHours(6), TrendLongWindow = TimeSpan.FromHours(1) });

        Assert.Contains("whole multiples of Catalog:TrendBucket", uneven.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("must be shorter than Catalog:TrendLongWindow", reversed.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_refuses_invalid_options_including_the_annotated_ranges()
    {
        var error = Assert.Throws<ArgumentException>(() => new CatalogModel(new CatalogOptions { CoViewWindow = 0, RelationHalfLife = TimeSpan.Zero }));

        Assert.Contains("Catalog:CoViewWindow must be between 1 and 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("Catalog:RelationHalfLife", error.Message, StringComparison.Ordinal);
    }
}
