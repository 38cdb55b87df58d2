using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// Next-item candidates: the top k rows of an item table [N, D] by dot product with each session embedding — the
/// model's next-item logits — found exactly (<see cref="ExactItemIndex"/>) or approximately (<see cref="IvfItemIndex"/>,
/// <see cref="GarnetVectorIndex"/>). Row 0 is the out-of-vocabulary item and is never returned.
/// Invariants every index keeps: the logits it returns are the dot products themselves (approximate indexes re-score
/// their candidates against the table), so indexes differ only in which items they find; and a query's result depends
/// only on the query and the index, never on the other queries of its batch — after a crash the engine decides events
/// again and the repeat must be identical to the first decision.
/// </summary>
public interface IItemIndex : IDisposable
{
    /// <summary>exact | ivf | garnet (the values of <c>Scoring:Retrieval</c>).</summary>
    string Name { get; }

    /// <summary>The search setting in words, for reports (e.g. "nprobe 8 of 415 lists").</summary>
    string Setting { get; }

    /// <summary>Rows of the table, row 0 included.</summary>
    long ItemCount { get; }

    /// <summary>Bytes this index holds beyond the caller's table (the exact index holds none of its own).</summary>
    long MemoryBytes { get; }

    /// <summary>Top <paramref name="k"/> items for session embeddings [B, D]; results live on the queries' device.</summary>
    ItemSearchResult Search(Tensor queries, int k);
}
