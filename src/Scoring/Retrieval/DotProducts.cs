using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// A query's dot product with each of many consecutive rows (an IVF list's vectors), in one loop: for the common
/// widths (multiples of 16 or 8 floats) each row is a couple of fused multiply-adds and one horizontal sum, without the
/// per-call overhead of a general dot product per row. A row's result depends only on the query and the row.
/// </summary>
internal static class DotProducts
{
    public static void Score(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> output)
    {
        var d = query.Length;
        var n = output.Length;
        if (rows.Length < n * d) throw new ArgumentException($"{n} rows of {d} need {n * d} floats; got {rows.Length}.", nameof(rows));
        if (Vector512.IsHardwareAccelerated && d % Vector512<float>.Count == 0)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var r = ref MemoryMarshal.GetReference(rows);
            for (var row = 0; row < n; row++)
            {
                var sum = Vector512<float>.Zero;
                var at = row * d;
                for (var i = 0; i < d; i += Vector512<float>.Count)
                {
                    sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, (nuint)i), Vector512.LoadUnsafe(ref r, (nuint)(at + i)), sum);
                }
                output[row] = Vector512.Sum(sum);
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && d % Vector256<float>.Count == 0)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var r = ref MemoryMarshal.GetReference(rows);
            for (var row = 0; row < n; row++)
            {
                var sum = Vector256<float>.Zero;
                var at = row * d;
                for (var i = 0; i < d; i += Vector256<float>.Count)
                {
                    sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)(at + i)), sum);
                }
                output[row] = Vector256.Sum(sum);
            }
            return;
        }
        for (var row = 0; row < n; row++)
        {
            output[row] = TensorPrimitives.Dot(query, rows.Slice(row * d, d));
        }
    }
}
