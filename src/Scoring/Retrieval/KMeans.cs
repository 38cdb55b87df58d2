using TorchSharp;
using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// Lloyd's k-means in squared L2 for the IVF coarse quantizer. Assignments are matrix products in torch (the costly
/// part: points × centroids × dimensions); centroid means are summed in C# in double, in point order, so the same
/// points, seed and machine give the same centroids.
/// </summary>
internal static class KMeans
{
    private const int AssignRows = 4096;

    /// <summary>Centroids [k, d] of <paramref name="points"/> [n, d], initialised with k distinct points drawn by <paramref name="random"/>.</summary>
    public static float[] Train(float[] points, int n, int d, int k, int iterations, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var centroids = new float[k * d];
        var order = Enumerable.Range(0, n).ToArray();
        // Partial Fisher–Yates: the first k of a seeded permutation.
        for (var i = 0; i < k; i++)
        {
            var j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
            points.AsSpan(order[i] * d, d).CopyTo(centroids.AsSpan(i * d, d));
        }
        var sums = new double[k * d];
        var counts = new int[k];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var assignment = Assign(points, n, d, centroids, k);
            Array.Clear(sums);
            Array.Clear(counts);
            for (var p = 0; p < n; p++)
            {
                var c = assignment[p];
                counts[c]++;
                var point = points.AsSpan(p * d, d);
                var sum = sums.AsSpan(c * d, d);
                for (var j = 0; j < d; j++) sum[j] += point[j];
            }
            for (var c = 0; c < k; c++)
            {
                // An empty cluster keeps its centroid (a former point); it may win points back next round.
                if (counts[c] == 0) continue;
                for (var j = 0; j < d; j++) centroids[(c * d) + j] = (float)(sums[(c * d) + j] / counts[c]);
            }
        }
        return centroids;
    }

    /// <summary>The nearest centroid of each point: argmax of x·c − ‖c‖²/2, ties to the lower centroid.</summary>
    public static int[] Assign(float[] points, int n, int d, float[] centroids, int k)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var c = torch.tensor(centroids, [k, d]);
        var bias = c.square().sum(1).mul_(-0.5f).unsqueeze(0);
        var x = torch.tensor(points, [n, d]);
        var result = new int[n];
        for (var from = 0; from < n; from += AssignRows)
        {
            var rows = Math.Min(AssignRows, n - from);
            using var inner = NewDisposeScope();
            var best = x.narrow(0, from, rows).mm(c.t()).add_(bias).argmax(1).to(ScalarType.Int32);
            best.data<int>().CopyTo(result, from, 0);
        }
        return result;
    }
}
