using Journeys.Scoring.Retrieval;

namespace Journeys.Scoring.Tests.Retrieval;

public sealed class MaxInnerProductTests
{
    [Fact]
    public void Maximum_inner_product_becomes_nearest_neighbour_after_the_transform()
    {
        var random = new Random(4);
        const int rows = 200, d = 6;
        var table = Enumerable.Range(0, rows * d).Select(_ => (float)(random.NextDouble() * 4 - 2) * (float)random.NextDouble()).ToArray();
        var items = MaxInnerProduct.AugmentItems(table, rows, d, from: 1);
        for (var trial = 0; trial < 20; trial++)
        {
            var query = Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var q = MaxInnerProduct.AugmentQuery(query);
            var byDot = Enumerable.Range(1, rows - 1).MaxBy(r => Dot(query, table.AsSpan(r * d, d)));
            var byDistance = Enumerable.Range(1, rows - 1).MinBy(r => Distance(q, items.AsSpan((r - 1) * (d + 1), d + 1)));
            Assert.Equal(byDot, byDistance);
        }

        static double Dot(float[] a, ReadOnlySpan<float> b)
        {
            double s = 0;
            for (var i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
            return s;
        }

        static double Distance(float[] a, ReadOnlySpan<float> b)
        {
            double s = 0;
            for (var i = 0; i < a.Length; i++) s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
            return s;
        }
    }
}
