namespace Journeys.Scoring.Model;

/// <summary>The values of <c>Scoring:Backend</c>: what runs the model's step.</summary>
public static class ScoringBackends
{
    /// <summary>TorchSharp (libtorch) runs the step, on the device <c>Scoring:Device</c> resolves.</summary>
    public const string Torch = "torch";

    /// <summary>ONNX Runtime runs the graph <c>journeys export</c> writes, built from the same model at start.</summary>
    public const string Onnx = "onnx";

    /// <summary>The backend the measurement chose for the model's device (see <see cref="Resolve"/>).</summary>
    public const string Auto = "auto";

    public static IReadOnlyList<string> All { get; } = [Torch, Onnx, Auto];

    public static bool IsKnown(string? setting) => All.Any(b => string.Equals(b, setting, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// torch or onnx for a known setting. auto is a rule from the benchmark (StepBackendBenchmarks,
    /// docs/benchmarks/2026-11-29-onnx.md): on a CPU, ONNX Runtime's step cost less than TorchSharp's at every batch size
    /// measured and allocates nothing, so onnx; on a GPU torch, because ONNX Runtime's CUDA provider needs the GPU build
    /// and has not been measured.
    /// </summary>
    public static string Resolve(string setting, bool onGpu)
    {
        if (string.Equals(setting, Torch, StringComparison.OrdinalIgnoreCase)) return Torch;
        if (string.Equals(setting, Onnx, StringComparison.OrdinalIgnoreCase)) return Onnx;
        if (string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase)) return onGpu ? Torch : Onnx;
        throw new InvalidOperationException($"Scoring:Backend is '{setting}'; use {string.Join(", ", All.Select(b => $"'{b}'"))}.");
    }
}
