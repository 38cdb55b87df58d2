using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Journeys.Scoring.Model;
using Journeys.Scoring.Onnx;
using static TorchSharp.torch;

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// One batched step (encoder, LSTM cell, heads; no retrieval, which is the same for both) for B sessions, as the
/// StepBatcher runs it with each <c>Scoring:Backend</c>: TorchSharp over the rows padded to blocks of 32, or ONNX Runtime
/// over the same padded rows bound in place. One intra-op thread each, as the engine's defaults. Divide the mean by
/// Batch for the cost per event. The model has the demo's shape (6,500 items, hidden 64, embeddings 32).
/// </summary>
[MemoryDiagnoser]
public class StepBackendBenchmarks
{
    private ScoringModel _model = null!;
    private Tensor _input = null!;
    private Tensor _h = null!;
    private Tensor _c = null!;
    private OnnxStepRunner? _onnx;
    private int _padded;

    [Params("torch", "onnx")]
    public string Backend { get; set; } = "torch";

    [Params(1, 8, 32, 64, 128, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        _model = DemoShapedSteps.Model();
        _padded = (Batch + SessionModel.ScoringChunkRows - 1) / SessionModel.ScoringChunkRows * SessionModel.ScoringChunkRows;
        (_input, _h, _c) = DemoShapedSteps.Inputs(_model, Batch, _padded);
        if (Backend == ScoringBackends.Onnx) _onnx = new OnnxStepRunner(_model, _input, _h, _c, SessionModel.ScoringChunkRows, threads: 1);
    }

    [Benchmark]
    public float Step()
    {
        if (_onnx is not null) return First(_onnx.Step(_padded).Conversion);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = _model.Network.Step(_input, _h, _c, SessionModel.ScoringChunkRows);
        // The batcher reads the outputs from contiguous CPU tensors.
        output.H.contiguous();
        output.C.contiguous();
        output.StageProbabilities.contiguous();
        output.SessionEmbedding.contiguous();
        return First(output.Conversion);
    }

    private static float First(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes)[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        _model.Dispose();
    }
}
