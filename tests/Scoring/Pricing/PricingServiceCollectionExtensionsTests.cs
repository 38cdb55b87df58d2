using Journeys.Scoring.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Tests.Pricing;

public sealed class PricingServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddPricing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void The_bundled_demand_model_is_loaded_from_configuration()
    {
        var path = Repository.Data("models/rees46-demand.json");
        using var services = Build(new() { ["Pricing:DemandModelPath"] = path, ["Pricing:MaxDiscount"] = "0.1" });

        var optimizer = services.GetRequiredService<PriceOptimizer>();

        Assert.NotNull(optimizer.Demand);
        Assert.Equal("across-products", optimizer.Demand.Record.Identification);
        Assert.Equal(0.1, optimizer.Options.MaxDiscount);
        // Its price slope is near zero, so every offer is the list price, with the list price as the binding guardrail.
        var offer = optimizer.Offer(new PricingInput("1307067", 251.74, null, "2053013558920217191", 0.1, 0.2, global::Journeys.Scoring.Forecast.InventoryPressure.Normal), null, PricingFixtures.Now);
        Assert.Equal(251.74, offer.OfferPrice);
        Assert.Equal(PriceGuardrail.ListPrice, offer.Guardrail);
        Assert.Contains(optimizer.Demand.Version, offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_fail_with_the_setting_named()
    {
        using var services = Build(new() { ["Pricing:MinMargin"] = "-1" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);
        Assert.Contains("Pricing:MinMargin", e.Message, StringComparison.Ordinal);
    }
}
