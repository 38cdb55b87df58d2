namespace Journeys.Scoring.Retrieval;

/// <summary>
/// The standard reduction of maximum-inner-product search to nearest-neighbour search (Bachrach et al. 2014): every
/// item x gets one more coordinate √(M² − ‖x‖²), M the largest norm, so all items lie on the sphere of radius M; a query
/// q gets 0. Then ‖q − x‖² = ‖q‖² + M² − 2·q·x, so the nearest items in L2 (and, all items having norm M, by cosine)
/// are exactly those with the largest dot product — the model's logits — while plain L2 or cosine search on the
/// untransformed table would favour items by their norm's distance to the query's.
/// </summary>
internal static class MaxInnerProduct
{
    /// <summary>Rows <paramref name="from"/>… of <paramref name="table"/> [rows, dimensions] as [rows − from, dimensions + 1].</summary>
    public static float[] AugmentItems(ReadOnlySpan<float> table, int rows, int dimensions, int from)
    {
        var norms = new double[rows];
        double max = 0;
        for (var r = from; r < rows; r++)
        {
            double sum = 0;
            foreach (var v in table.Slice(r * dimensions, dimensions)) sum += (double)v * v;
            norms[r] = sum;
            max = Math.Max(max, sum);
        }
        var width = dimensions + 1;
        var augmented = new float[(rows - from) * width];
        for (var r = from; r < rows; r++)
        {
            var row = augmented.AsSpan((r - from) * width, width);
            table.Slice(r * dimensions, dimensions).CopyTo(row);
            row[dimensions] = (float)Math.Sqrt(Math.Max(0, max - norms[r]));
        }
        return augmented;
    }

    /// <summary>A query with the extra coordinate 0.</summary>
    public static float[] AugmentQuery(ReadOnlySpan<float> query)
    {
        var augmented = new float[query.Length + 1];
        query.CopyTo(augmented);
        return augmented;
    }
}
