using Journeys.Contracts.Events;
using Journeys.Ingest.ProductFeed;
using Journeys.Lab.Datasets;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;
using Journeys.Scoring.Tests.Pricing;
using Journeys.Scoring.Tests.Recommendations;

namespace Journeys.Scoring.Tests.Advice;

/// <summary>
/// The advisor against its reference copy (<see cref="ReferenceAdvisor"/>): recommendations, price offer (with the
/// feed-or-click list price and its reason) and view versions, on seeded random views and events, and on the bundled
/// REES46 sample as the advice benchmark sets it up.
/// </summary>
public sealed class DecisionAdvisorEquivalenceTests
{
    [Fact]
    public void Advice_equals_the_reference_on_random_views_and_events()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            var views = new LiveViews(world.Feed);
            views.Install(world.Catalog);
            views.Install(world.Forecast);
            var (options, pricing, demand) = (world.RecommendationOptions(), world.PricingOptions(), world.Demand());
            var advisor = new DecisionAdvisor(new Recommender(options, world.ModelKnows), new PriceOptimizer(pricing, demand), views);
            var reference = new ReferenceAdvisor(new ReferenceRecommender(options, world.ModelKnows), new ReferencePriceOptimizer(pricing, demand), views);
            for (var i = 0; i < 8; i++)
            {
                var request = world.AdviceRequest();
                AdviceAssert.SameResultOrThrow(() => reference.Advise(request), () => advisor.Advise(request),
                    (e, a) => Same(e, a, $"seed {seed}, case {i}"), $"seed {seed}, case {i}");
            }
        }
    }

    [Fact]
    public void Advice_equals_the_reference_on_the_bundled_sample_with_the_bundled_demand_model()
    {
        var sample = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        var catalog = new CatalogModel(new CatalogOptions());
        foreach (var e in sample) catalog.Observe(e);
        var feed = new ProductFeed();
        var rng = new Random(7);
        foreach (var item in ProductFeedFile.Read(Repository.Data("catalog/rees46-demo-catalog.csv.gz")))
        {
            // Some rows out of stock and some without a price, so the rules and the click's price take part.
            feed.Apply(rng.Next(10) switch { 0 => item with { Stock = 0 }, 1 => item with { ListPrice = null }, _ => item with { Stock = 100 } });
        }
        var views = new LiveViews(feed);
        views.Install(catalog.Publish());
        views.Install(ForecastSnapshot.Empty);
        var demand = DemandModel.Load(Repository.Data("models/rees46-demand.json"));
        var options = new RecommendationOptions();
        var products = sample.Where(e => e.ProductId is not null).Select(e => e.ProductId!).Distinct().ToArray();
        var known = new HashSet<string>(products.Where((_, i) => i % 3 > 0), StringComparer.Ordinal);
        var advisor = new DecisionAdvisor(new Recommender(options, known.Contains), new PriceOptimizer(new PricingOptions(), demand), views);
        var reference = new ReferenceAdvisor(new ReferenceRecommender(options, known.Contains), new ReferencePriceOptimizer(new PricingOptions(), demand), views);
        var clicks = sample.Where(e => e is { Type: ClickType.ProductView, Price: > 0 }).ToArray();

        for (var i = 0; i < 500; i++)
        {
            var e = clicks[rng.Next(clicks.Length)];
            var top = Enumerable.Range(0, 100).Select(k => new ScoredItem(products[rng.Next(products.Length)], 0.5f / (k + 1))).ToArray();
            string[] recent = [e.ProductId!, .. Enumerable.Range(0, 4).Select(_ => products[rng.Next(products.Length)])];
            var step = new StepResult([], [], [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], (float)rng.NextDouble(), (float)rng.NextDouble(), top);
            var request = new AdviceRequest(e, step, recent, i % 4 == 0 ? [products[rng.Next(products.Length)]] : [], null);

            Same(reference.Advise(request), advisor.Advise(request), $"request {i}");
        }
    }

    private static void Same(DecisionAdvice expected, DecisionAdvice actual, string context)
    {
        AdviceAssert.Same(expected.Recommendations, actual.Recommendations, context);
        AdviceAssert.Same(expected.Price, actual.Price, context);
        Assert.Equal(expected.CatalogVersion, actual.CatalogVersion);
        Assert.Equal(expected.ForecastVersion, actual.ForecastVersion);
    }
}
