using TorchSharp;

namespace Journeys.Scoring.Onnx;

/// <summary>Where a CPU tensor's elements live, for binding them to ONNX Runtime without a copy.</summary>
internal static class TensorMemory
{
    /// <summary>
    /// The address of <paramref name="tensor"/>'s first element. Its storage is native memory that the garbage collector
    /// never moves, so the address stays valid for as long as the tensor lives.
    /// </summary>
    public static unsafe IntPtr Address(torch.Tensor tensor)
    {
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous()) throw new ArgumentException("a contiguous CPU tensor is required", nameof(tensor));
        fixed (byte* first = tensor.bytes) return (IntPtr)first;
    }
}
