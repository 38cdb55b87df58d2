namespace Journeys.Scoring.Retrieval;

/// <summary>
/// An index that searches on the CPU from host memory (the IVF): the batcher hands it the session embeddings as floats
/// and takes items and probabilities back, with no tensors made per batch and nothing allocated per query.
/// </summary>
public interface IHostItemIndex : IItemIndex
{
    /// <summary>
    /// Top <paramref name="k"/> items for <paramref name="count"/> queries (row-major [count, dimensions]): their table
    /// rows into <paramref name="items"/> and their probabilities (exp(logit − normalizer), as
    /// <see cref="ItemSearchResult.Probabilities"/>) into <paramref name="probabilities"/>, each [count, k], best first.
    /// A query's result depends only on the query. Safe to call from several threads at once.
    /// </summary>
    void Search(ReadOnlySpan<float> queries, int count, int k, Span<int> items, Span<float> probabilities);
}
