using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// One batched LSTM step plus the top-10 next items for B sessions — the StepBatcher's arithmetic without its
/// threading. Divide the mean by Batch for the cost per event. The model has the demo's shape (6,500 items, hidden
/// 64); weights are seeded, which does not change the arithmetic.
/// </summary>
[MemoryDiagnoser]
public class ModelStepBenchmarks
{
    private ScoringModel _model = null!;
    private Tensor _input = null!;
    private Tensor _h = null!;
    private Tensor _c = null!;

    [Params(1, 16, 64, 256, 1024)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var catalog = Enumerable.Range(0, 6500).Select(i => new ClickEvent($"e{i}", $"s{i % 700}", null,
            start.AddSeconds(i), ClickType.ProductView, $"p{i}", $"c{i % 120}", 10 + i % 90));
        _model = SeededModel.Create(catalog, seed: 42);
        var rng = new Random(1);
        var rows = new long[Batch * 5];
        for (var i = 0; i < Batch; i++)
        {
            rows[i * 5] = (long)ClickType.ProductView;
            rows[i * 5 + 1] = 1 + rng.Next(6500);
            rows[i * 5 + 2] = 1 + rng.Next(120);
            rows[i * 5 + 3] = rng.Next(5);
            rows[i * 5 + 4] = rng.Next(6);
        }
        _input = tensor(rows, [Batch, 5]);
        var hidden = _model.Metadata.Dimensions.HiddenSize;
        _h = randn(Batch, hidden) * 0.1f;
        _c = randn(Batch, hidden) * 0.1f;
    }

    [Benchmark]
    public long StepAndTop10()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = _model.Network.Step(_input, _h, _c);
        var (_, indices) = _model.Network.TopNextItems(output.SessionEmbedding, 10);
        return indices[0, 0].item<long>();
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();
}
