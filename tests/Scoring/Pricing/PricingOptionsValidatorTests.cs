using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

public sealed class PricingOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(PricingOptions options) =>
        new PricingOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Failures(new PricingOptions()));
    }

    [Theory]
    [InlineData(nameof(PricingOptions.MinMargin), "Pricing:MinMargin")]
    [InlineData(nameof(PricingOptions.MaxDiscount), "Pricing:MaxDiscount")]
    [InlineData(nameof(PricingOptions.OverstockExtraDiscount), "Pricing:OverstockExtraDiscount")]
    [InlineData(nameof(PricingOptions.DefaultMargin), "Pricing:DefaultMargin")]
    [InlineData(nameof(PricingOptions.GridSteps), "Pricing:GridSteps")]
    [InlineData(nameof(PricingOptions.PriceDecimals), "Pricing:PriceDecimals")]
    [InlineData(nameof(PricingOptions.StabilityWindow), "Pricing:StabilityWindow")]
    public void Each_bad_setting_is_named_with_its_default(string setting, string expected)
    {
        var options = new PricingOptions();
        switch (setting)
        {
            case nameof(PricingOptions.MinMargin): options.MinMargin = -0.1; break;
            case nameof(PricingOptions.MaxDiscount): options.MaxDiscount = 1; break;
            case nameof(PricingOptions.OverstockExtraDiscount): options.OverstockExtraDiscount = -1; break;
            case nameof(PricingOptions.DefaultMargin): options.DefaultMargin = 0; break;
            case nameof(PricingOptions.GridSteps): options.GridSteps = 0; break;
            case nameof(PricingOptions.PriceDecimals): options.PriceDecimals = 9; break;
            case nameof(PricingOptions.StabilityWindow): options.StabilityWindow = TimeSpan.FromMinutes(-1); break;
        }

        var failure = Assert.Single(Failures(options));
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.Contains("default", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Overstock_room_may_not_reach_a_full_discount()
    {
        var failure = Assert.Single(Failures(new PricingOptions { MaxDiscount = 0.6, OverstockExtraDiscount = 0.4 }));

        Assert.Contains("below 1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_demand_model_file_says_how_to_make_one()
    {
        var failure = Assert.Single(Failures(new PricingOptions { DemandModelPath = "/nonexistent/demand.json" }));

        Assert.Contains("journeys train --task demand", failure, StringComparison.Ordinal);
    }
}
