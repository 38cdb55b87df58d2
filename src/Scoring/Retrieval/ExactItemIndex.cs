using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// Exact search: one matrix product of the queries with the whole table per block of rows, the model's own next-item
/// scoring (<see cref="SessionModel.TopByDotProduct"/>). Holds the caller's table (on any device) without copying it.
/// </summary>
public sealed class ExactItemIndex : IItemIndex
{
    private readonly Tensor _table;
    private readonly int _blockRows;

    /// <param name="table">[N, D] float; row 0 out-of-vocabulary. Not owned: it must outlive the index.</param>
    /// <param name="blockRows">Rows per matrix product (fixed blocks keep a row's result independent of its batch;
    /// 1 where every search has one query).</param>
    public ExactItemIndex(Tensor table, int blockRows = SessionModel.ScoringChunkRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        if (table.dim() != 2) throw new ArgumentException($"The item table must be [items, dimensions]; it has shape [{string.Join(", ", table.shape)}].", nameof(table));
        this._table = table;
        this._blockRows = blockRows;
    }

    public string Name => RetrievalModes.Exact;

    public string Setting => $"all {ItemCount - 1:N0} items, blocks of {_blockRows}";

    public long ItemCount => _table.shape[0];

    public long MemoryBytes => 0;

    public ItemSearchResult Search(Tensor queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, ItemCount - 1);
        var (logits, indices, normalizer) = SessionModel.TopByDotProduct(queries, _table, k, _blockRows);
        return new ItemSearchResult(logits, indices, normalizer);
    }

    public void Dispose()
    {
        // The table belongs to the caller (the model, usually).
    }
}
