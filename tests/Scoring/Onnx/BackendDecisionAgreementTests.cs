using Journeys.Ingest.ProductFeed;
using Journeys.Lab.Datasets;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;
using TorchSharp;
using Xunit.Abstractions;

namespace Journeys.Scoring.Tests.Onnx;

/// <summary>
/// The decisions the engine's parts make with Scoring:Backend = onnx are the ones they make with torch: every event of
/// the bundled REES46 sample, replayed session by session through a StepBatcher of each backend (each carrying its own
/// hidden states) and the advisor over the sample's catalog views, gets the same journey stage and the same top 10
/// recommendations, in order.
/// </summary>
public sealed class BackendDecisionAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Decisions_with_the_onnx_backend_agree_with_torch_on_stage_and_top_ten_for_the_rees46_sample()
    {
        var sample = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        var catalog = new CatalogModel(new CatalogOptions());
        foreach (var e in sample) catalog.Observe(e);
        var feed = new ProductFeed();
        foreach (var item in ProductFeedFile.Read(Repository.Data("catalog/rees46-demo-catalog.csv.gz"))) feed.Apply(item);
        var views = new LiveViews(feed);
        views.Install(catalog.Publish());
        views.Install(ForecastSnapshot.Empty);

        using var model = SessionModelFile.Load(OnnxStepRunnerTests.BundledModelPath(), torch.CPU);
        var advisor = new DecisionAdvisor(
            new Recommender(new RecommendationOptions(), p => model.Encoder.ProductIndex(p) != 0, model.Metadata.BlendWeights),
            new PriceOptimizer(new PricingOptions(), DemandModel.Load(Repository.Data("models/rees46-demand.json"))), views);
        using var torchBatcher = new StepBatcher(model, new ScoringOptions { Backend = ScoringBackends.Torch, MaxWait = TimeSpan.Zero });
        using var onnxBatcher = new StepBatcher(model, new ScoringOptions { Backend = ScoringBackends.Onnx, MaxWait = TimeSpan.Zero });
        Assert.Equal(ScoringBackends.Onnx, onnxBatcher.Backend);

        var hidden = model.Info.HiddenSize;
        var (events, stageDiffers, topDiffers) = (0, 0, 0);
        foreach (var session in sample.GroupBy(e => e.SessionId))
        {
            var states = new[] { (H: new float[hidden], C: new float[hidden]), (H: new float[hidden], C: new float[hidden]) };
            DateTimeOffset? previous = null;
            var recent = new List<string>();
            foreach (var e in session.OrderBy(e => e.Timestamp))
            {
                var features = model.Encoder.Encode(e, previous);
                previous = e.Timestamp;
                if (e.ProductId is { } product) recent.Insert(0, product);
                var torchStep = await torchBatcher.StepAsync(features, states[0].H, states[0].C, CancellationToken.None);
                var onnxStep = await onnxBatcher.StepAsync(features, states[1].H, states[1].C, CancellationToken.None);
                states[0] = (torchStep.H, torchStep.C);
                states[1] = (onnxStep.H, onnxStep.C);
                var torchAdvice = advisor.Advise(new AdviceRequest(e, torchStep, recent, [], null));
                var onnxAdvice = advisor.Advise(new AdviceRequest(e, onnxStep, recent, [], null));
                events++;
                if (ArgMax(torchStep.StageProbabilities) != ArgMax(onnxStep.StageProbabilities)) stageDiffers++;
                if (!torchAdvice.Recommendations.Select(r => r.ProductId).SequenceEqual(onnxAdvice.Recommendations.Select(r => r.ProductId))) topDiffers++;
            }
        }
        output.WriteLine($"{events} events: stage differs on {stageDiffers}, top 10 differs on {topDiffers}");
        Assert.True(events > 10_000, $"only {events} events replayed");
        Assert.Equal(0, stageDiffers);
        Assert.Equal(0, topDiffers);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
