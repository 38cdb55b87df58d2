using TorchSharp;

namespace Journeys.Scoring.Model;

/// <summary>Resolves the <c>Scoring:Device</c> setting (auto | cpu | cuda) to a TorchSharp device.</summary>
public static class ModelDevice
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    public static bool IsKnown(string? setting) =>
        string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase)
        || string.Equals(setting, Cpu, StringComparison.OrdinalIgnoreCase)
        || string.Equals(setting, Cuda, StringComparison.OrdinalIgnoreCase);

    /// <summary>The message for <c>cuda</c> on a process where TorchSharp sees no CUDA.</summary>
    public const string CudaUnavailableMessage =
        "Scoring:Device is 'cuda' but TorchSharp reports no CUDA device. This build references the CPU-only " +
        "package TorchSharp-cpu. Either set Scoring:Device to 'auto' or 'cpu', or, on a machine with an NVIDIA " +
        "driver, replace TorchSharp-cpu with TorchSharp-cuda-linux (or TorchSharp-cuda-windows) of the same version " +
        "in Directory.Packages.props and src/Scoring/Journeys.Scoring.csproj.";

    /// <summary>auto → cuda when available, else cpu. Throws <see cref="InvalidOperationException"/> for unusable settings.</summary>
    public static torch.Device Resolve(string setting)
    {
        if (string.Equals(setting, Cpu, StringComparison.OrdinalIgnoreCase)) return torch.CPU;
        if (string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase)) return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (string.Equals(setting, Cuda, StringComparison.OrdinalIgnoreCase))
            return torch.cuda.is_available() ? torch.CUDA : throw new InvalidOperationException(CudaUnavailableMessage);
        throw new InvalidOperationException($"Scoring:Device is '{setting}'; use 'auto', 'cpu' or 'cuda'.");
    }
}
