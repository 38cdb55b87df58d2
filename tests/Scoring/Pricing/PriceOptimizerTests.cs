using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Tests.Pricing;

public sealed class PriceOptimizerTests
{
    private static readonly PricingOptions Defaults = new();

    [Fact]
    public void Without_a_demand_model_the_list_price_is_offered_and_no_figure_is_invented()
    {
        var offer = new PriceOptimizer(Defaults, demand: null).Offer(PricingFixtures.Input(), null, PricingFixtures.Now);

        Assert.Equal(100, offer.OfferPrice);
        Assert.Equal(0, offer.ExpectedProfit);
        Assert.Equal(0, offer.ConversionAtOffer);
        Assert.Equal(PriceGuardrail.None, offer.Guardrail);
        Assert.StartsWith("no demand model", offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Elastic_demand_gets_a_discount_down_to_the_deepest_allowed()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Elastic).Offer(PricingFixtures.Input(cost: 40, conversion: 0.05), null, PricingFixtures.Now);

        Assert.Equal(80, offer.OfferPrice, 6);
        Assert.Equal(PriceGuardrail.MaxDiscount, offer.Guardrail);
        Assert.True(offer.ConversionAtOffer > 0.05, offer.Reason);
        Assert.Equal(offer.ConversionAtOffer * (80 - 40), offer.ExpectedProfit, 9);
    }

    [Fact]
    public void Inelastic_demand_keeps_the_list_price_and_says_the_list_price_binds()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Inelastic).Offer(PricingFixtures.Input(), null, PricingFixtures.Now);

        Assert.Equal(100, offer.OfferPrice);
        Assert.Equal(PriceGuardrail.ListPrice, offer.Guardrail);
        Assert.Equal(0.2, offer.ConversionAtOffer, 9);
    }

    [Fact]
    public void Moderate_demand_finds_an_optimum_inside_the_range()
    {
        // logit P = logit 0.2 − 4 ln(p/100), cost 50: the profit curve peaks between the bounds.
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Demand(-4)).Offer(PricingFixtures.Input(), null, PricingFixtures.Now);

        Assert.InRange(offer.OfferPrice, 80.01, 99.99);
        Assert.Equal(PriceGuardrail.None, offer.Guardrail);
    }

    [Fact]
    public void The_margin_floor_binds_when_cost_is_close_to_list()
    {
        // Margin floor 60 × 1.5 = 90 lies above the discount floor 80.
        var offer = new PriceOptimizer(new PricingOptions { MinMargin = 0.5 }, PricingFixtures.Elastic)
            .Offer(PricingFixtures.Input(cost: 60, conversion: 0.05), null, PricingFixtures.Now);

        Assert.Equal(90, offer.OfferPrice, 9);
        Assert.Equal(PriceGuardrail.MinMargin, offer.Guardrail);
    }

    [Fact]
    public void Without_margin_room_the_list_price_is_offered_and_the_reason_says_so()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Elastic).Offer(PricingFixtures.Input(cost: 99), null, PricingFixtures.Now);

        Assert.Equal(100, offer.OfferPrice);
        Assert.Equal(PriceGuardrail.MinMargin, offer.Guardrail);
        Assert.Contains("no margin room", offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cost_is_assumed_from_the_default_margin_and_stated()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Inelastic).Offer(PricingFixtures.Input(cost: null), null, PricingFixtures.Now);

        Assert.Contains("cost assumed 30% below list", offer.Reason, StringComparison.Ordinal);
        Assert.Equal(offer.ConversionAtOffer * (100 - 70), offer.ExpectedProfit, 9);
    }

    [Fact]
    public void Stock_out_risk_allows_no_discount_even_where_one_would_pay()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Elastic)
            .Offer(PricingFixtures.Input(cost: 40, inventory: InventoryPressure.StockOutRisk), null, PricingFixtures.Now);

        Assert.Equal(100, offer.OfferPrice);
        Assert.Equal(PriceGuardrail.StockOutRisk, offer.Guardrail);
    }

    [Fact]
    public void Overstock_opens_extra_discount_room()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Elastic)
            .Offer(PricingFixtures.Input(cost: 40, inventory: InventoryPressure.Overstocked, conversion: 0.01), null, PricingFixtures.Now);

        Assert.Equal(70, offer.OfferPrice, 6);
        Assert.Equal(PriceGuardrail.MaxDiscount, offer.Guardrail);
        Assert.Contains("overstocked: discount up to 30%", offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_shown_within_the_window_is_shown_again()
    {
        var optimizer = new PriceOptimizer(Defaults, PricingFixtures.Elastic);
        var prior = new PriorOffer("p1", 91.5, PricingFixtures.Now.AddMinutes(-10));

        var offer = optimizer.Offer(PricingFixtures.Input(cost: 40), prior, PricingFixtures.Now);

        Assert.Equal(91.5, offer.OfferPrice);
        Assert.Equal(PriceGuardrail.Stability, offer.Guardrail);
        Assert.Contains("stability", offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_window_the_price_is_optimized_afresh()
    {
        var optimizer = new PriceOptimizer(Defaults, PricingFixtures.Elastic);
        var prior = new PriorOffer("p1", 91.5, PricingFixtures.Now.AddMinutes(-30));

        var offer = optimizer.Offer(PricingFixtures.Input(cost: 40, conversion: 0.05), prior, PricingFixtures.Now);

        Assert.Equal(80, offer.OfferPrice, 6);
    }

    [Fact]
    public void A_shown_price_the_catalog_no_longer_allows_is_replaced_and_the_reason_says_why()
    {
        // The list price fell from above 100 to 90: showing 95 again would exceed it.
        var optimizer = new PriceOptimizer(Defaults, PricingFixtures.Inelastic);
        var prior = new PriorOffer("p1", 95, PricingFixtures.Now.AddMinutes(-5));

        var offer = optimizer.Offer(PricingFixtures.Input(list: 90, cost: 40), prior, PricingFixtures.Now);

        Assert.Equal(90, offer.OfferPrice);
        Assert.Contains("left the allowed range", offer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prior_offer_for_another_product_is_refused()
    {
        var optimizer = new PriceOptimizer(Defaults, PricingFixtures.Elastic);

        Assert.Throws<ArgumentException>(() =>
            optimizer.Offer(PricingFixtures.Input(), new PriorOffer("other", 90, PricingFixtures.Now), PricingFixtures.Now));
    }

    [Fact]
    public void Offers_are_rounded_to_cents_inside_the_range()
    {
        var offer = new PriceOptimizer(Defaults, PricingFixtures.Demand(-4)).Offer(PricingFixtures.Input(list: 33.33, cost: 11.11), null, PricingFixtures.Now);

        Assert.Equal(Math.Round(offer.OfferPrice, 2), offer.OfferPrice);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_fix()
    {
        var e = Assert.Throws<ArgumentException>(() => new PriceOptimizer(new PricingOptions { MaxDiscount = 1.5 }, null));

        Assert.Contains("Pricing:MaxDiscount", e.Message, StringComparison.Ordinal);
    }
}
