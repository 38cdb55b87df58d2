namespace Journeys.Lab.Retrieval;

/// <summary>recall@k of an approximate search: the share of the exact top k (as a set) that it found, averaged over queries.</summary>
public static class RetrievalRecall
{
    /// <param name="exact">The exact top k, [queries × k] row-major.</param>
    /// <param name="found">The approximate top k, same layout.</param>
    public static double Of(ReadOnlySpan<long> exact, ReadOnlySpan<long> found, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (exact.Length != found.Length || exact.Length % k != 0)
            throw new ArgumentException($"Both results must hold the same number of rows of {k}; got {exact.Length} and {found.Length} values.", nameof(found));
        var queries = exact.Length / k;
        if (queries == 0) return double.NaN;
        long hits = 0;
        var truth = new HashSet<long>(k);
        for (var q = 0; q < queries; q++)
        {
            truth.Clear();
            foreach (var item in exact.Slice(q * k, k)) truth.Add(item);
            foreach (var item in found.Slice(q * k, k))
            {
                if (truth.Contains(item)) hits++;
            }
        }
        return (double)hits / ((long)queries * k);
    }
}
