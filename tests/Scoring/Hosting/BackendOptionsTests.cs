using Journeys.Scoring.Batching;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;

namespace Journeys.Scoring.Tests.Hosting;

public sealed class BackendOptionsTests
{
    [Fact]
    public void Auto_is_the_default_backend() => Assert.Equal("auto", new ScoringOptions().Backend);

    [Fact]
    public void Torch_runs_the_step_in_torchsharp()
    {
        using var model = TestModels.Seeded();
        using var batcher = new StepBatcher(model, new ScoringOptions { Backend = "torch" });

        Assert.Equal(ScoringBackends.Torch, batcher.Backend);
        Assert.StartsWith("TorchSharp", batcher.Runtime, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_backend_is_rejected_with_the_accepted_values()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Backend = "tensorrt" });

        Assert.True(result.Failed);
        Assert.Contains("Scoring:Backend is 'tensorrt'; use 'torch', 'onnx', 'auto'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", false, "onnx")]
    [InlineData("auto", true, "torch")]
    [InlineData("ONNX", true, "onnx")]
    [InlineData("torch", false, "torch")]
    public void Auto_chooses_onnx_on_a_cpu_and_torch_on_a_gpu_as_measured(string setting, bool onGpu, string expected) =>
        Assert.Equal(expected, ScoringBackends.Resolve(setting, onGpu));

    [Fact]
    public void The_default_on_this_cpu_runs_the_step_in_onnx_runtime()
    {
        using var model = TestModels.Seeded();
        using var batcher = new StepBatcher(model, new ScoringOptions());

        Assert.Equal(ScoringBackends.Onnx, batcher.Backend);
        Assert.Contains("ONNX Runtime 1.31.0, CPUExecutionProvider", batcher.Runtime, StringComparison.Ordinal);
    }
}
