using BenchmarkDotNet.Attributes;
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
        _model = DemoShapedSteps.Model();
        (_input, _h, _c) = DemoShapedSteps.Inputs(_model, Batch, Batch);
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
