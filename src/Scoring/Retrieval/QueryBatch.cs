using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>The checks and the host copy every index that searches on the CPU does before it scans (IVF, Garnet).</summary>
internal static class QueryBatch
{
    /// <summary>Validates <paramref name="queries"/> [batch, dimensions] and <paramref name="k"/>, and returns the queries as
    /// one row-major float array with the batch size.</summary>
    public static (int Batch, float[] Values) ToHost(Tensor queries, int k, long itemCount, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, itemCount - 1);
        if (queries.dim() != 2 || queries.shape[1] != dimensions)
            throw new ArgumentException($"Queries must be [batch, {dimensions}]; got [{string.Join(", ", queries.shape)}].", nameof(queries));
        using var cpu = queries.detach().to(ScalarType.Float32).cpu().contiguous();
        return ((int)queries.shape[0], cpu.data<float>().ToArray());
    }
}
