using BenchmarkDotNet.Attributes;
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

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// What a decision costs beside the model step: the advisor's recommendations (100 model candidates blended with the
/// relations of 5 recent products and with the 4 products before the latest, then the rules) and its price offer, on the catalog view and feed of the bundled
/// REES46 sample with the bundled demand model. Per decision; run on the session actor.
/// </summary>
[MemoryDiagnoser]
public class AdviceBenchmarks
{
    private DecisionAdvisor _advisor = null!;
    private Recommender _recommender = null!;
    private LiveViews _views = null!;
    private AdviceRequest[] _requests = null!;
    private int _next;

    /// <summary>λR of the blend: 0 leaves the recently-viewed part out, 0.2 is the default weight.</summary>
    [Params(0, 0.2)]
    public double RecentlyViewed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sample = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        var catalog = new CatalogModel(new CatalogOptions());
        foreach (var e in sample)
        {
            catalog.Observe(e);
        }
        var feed = new ProductFeed();
        foreach (var item in ProductFeedFile.Read(Repository.Data("catalog/rees46-demo-catalog.csv.gz")))
        {
            feed.Apply(item with { Stock = 100 });
        }
        _views = new LiveViews(feed);
        _views.Install(catalog.Publish());
        _views.Install(ForecastSnapshot.Empty);
        _recommender = new Recommender(new RecommendationOptions { RecentlyViewedWeight = RecentlyViewed }, _ => true);
        _advisor = new DecisionAdvisor(_recommender,
            new PriceOptimizer(new PricingOptions(), DemandModel.Load(Repository.Data("models/rees46-demand.json"))), _views);
        var products = sample.Where(e => e.ProductId is not null).Select(e => e.ProductId!).Distinct().ToArray();
        var rng = new Random(7);
        var views = sample.Where(e => e is { Type: ClickType.ProductView, Price: > 0 }).ToArray();
        _requests = [.. Enumerable.Range(0, 256).Select(_ =>
        {
            var e = views[rng.Next(views.Length)];
            var top = Enumerable.Range(0, 100).Select(i => new ScoredItem(products[rng.Next(products.Length)], 0.5f / (i + 1))).ToArray();
            var recent = new[] { e.ProductId! }.Concat(Enumerable.Range(0, 4).Select(_ => products[rng.Next(products.Length)])).ToArray();
            var step = new StepResult([], [], [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], 0.05f, 0.1f, top);
            return new AdviceRequest(e, step, recent, [], null);
        })];
    }

    [Benchmark]
    public int Advise() => _advisor.Advise(_requests[_next++ & 255]).Recommendations.Count;

    [Benchmark]
    public int RecommendOnly()
    {
        var r = _requests[_next++ & 255];
        return _recommender.Recommend(new RecommendationRequest(r.Event.ProductId, r.Event.CategoryId, r.Step.TopItems, r.RecentItems, []),
            _views.Catalog.Snapshot, _views.Forecast.Snapshot, _views.Feed).Count;
    }
}
