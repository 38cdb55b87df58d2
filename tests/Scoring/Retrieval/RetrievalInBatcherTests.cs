using Journeys.Scoring.Batching;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>The batcher's top-K candidates through each in-process retrieval setting.</summary>
public sealed class RetrievalInBatcherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ScoringModel _model = SeededModel.Create(TestModels.Catalog(products: 3000), seed: 8, new SessionModelDimensions());

    public void Dispose() => _model.Dispose();

    [Theory]
    [InlineData("exact")]
    [InlineData("ivf")]
    public async Task A_sessions_top_items_are_bitwise_the_same_alone_and_in_a_full_batch(string retrieval)
    {
        var options = new ScoringOptions { Retrieval = retrieval, IvfProbes = 4, MaxBatch = 64, MaxWait = TimeSpan.FromMilliseconds(50), TopK = 10 };
        var random = new Random(3);
        var hidden = _model.Info.HiddenSize;
        var steps = Enumerable.Range(0, 64).Select(_ => Session(_model, random, 1)[0]).ToArray();
        var states = steps.Select(_ => (H: Random(random, hidden), C: Random(random, hidden))).ToArray();

        using var batcher = new StepBatcher(_model, options);
        var together = await Task.WhenAll(steps.Select((s, i) => batcher.StepAsync(s, states[i].H, states[i].C, CancellationToken.None).AsTask())).WaitAsync(Timeout);
        foreach (var i in new[] { 0, 31, 63 })
        {
            var alone = await batcher.StepAsync(steps[i], states[i].H, states[i].C, CancellationToken.None).AsTask().WaitAsync(Timeout);
            Assert.Equal(alone.TopItems, together[i].TopItems);
        }
        Assert.True(batcher.Statistics.MaxBatchSize > 1, "the concurrent steps should have shared a forward");
    }

    [Fact]
    public async Task Ivf_retrieval_finds_the_exact_top_items_when_it_probes_every_list()
    {
        var random = new Random(4);
        var hidden = _model.Info.HiddenSize;
        var step = Session(_model, random, 1)[0];
        var (h, c) = (Random(random, hidden), Random(random, hidden));
        using var exact = new StepBatcher(_model, new ScoringOptions { TopK = 10, Retrieval = "exact" });
        using var ivf = new StepBatcher(_model, new ScoringOptions { TopK = 10, Retrieval = "ivf", IvfLists = 20, IvfProbes = 20 });

        var want = await exact.StepAsync(step, h, c, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var got = await ivf.StepAsync(step, h, c, CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.Equal(want.TopItems.Select(i => i.ProductId), got.TopItems.Select(i => i.ProductId));
        for (var i = 0; i < 10; i++) Assert.Equal(want.TopItems[i].Score, got.TopItems[i].Score, 1e-4f);
    }

    [Fact]
    public async Task Auto_retrieval_is_exact_for_a_small_catalog_and_ivf_for_a_large_one()
    {
        var random = new Random(6);
        var hidden = _model.Info.HiddenSize;
        var step = Session(_model, random, 1)[0];
        var (h, c) = (Random(random, hidden), Random(random, hidden));
        using var exact = new StepBatcher(_model, new ScoringOptions { TopK = 10, Retrieval = "exact" });
        using var smallCatalog = new StepBatcher(_model, new ScoringOptions { TopK = 10, ExactUpToItems = 3_000 });
        using var largeCatalog = new StepBatcher(_model, new ScoringOptions { TopK = 10, ExactUpToItems = 2_999, IvfLists = 100, IvfProbes = 1 });

        var want = await exact.StepAsync(step, h, c, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var small = await smallCatalog.StepAsync(step, h, c, CancellationToken.None).AsTask().WaitAsync(Timeout);
        var large = await largeCatalog.StepAsync(step, h, c, CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.Equal(want.TopItems, small.TopItems);
        // One list of 100: the IVF's scores are probabilities among its few candidates, so they exceed the exact ones.
        Assert.True(large.TopItems[0].Score > want.TopItems[0].Score);
    }

    [Fact]
    public void A_given_index_must_cover_the_models_items()
    {
        using var other = SeededModel.Create(TestModels.Catalog(products: 50), seed: 1, Tiny);
        using var index = new ExactItemIndex(other.Network.ItemTable);

        Assert.Throws<ArgumentException>(() => new StepBatcher(_model, new ScoringOptions(), index));
    }

    private static float[] Random(Random random, int size) => [.. Enumerable.Range(0, size).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
