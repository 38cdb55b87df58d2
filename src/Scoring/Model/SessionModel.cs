using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Journeys.Scoring.Model;

/// <summary>
/// The session model: an action encoder (concatenated embeddings of type, product, category, price bucket and gap
/// bucket → linear → tanh) feeding an <c>LSTMCell</c>, and heads on the new hidden state: journey stage (softmax),
/// conversion and friction (sigmoid), and a session embedding that scores next items against the item embedding
/// table — the same table the encoder reads products from (tied weights).
/// Input indices are laid out as [type, product, category, price bucket, gap bucket] (see <see cref="StepFeatures"/>).
/// </summary>
public sealed class SessionModel : nn.Module
{
    // Field names are the state-dict keys in model files: renaming one breaks loading of existing files.
    private readonly Embedding typeEmbedding;
    private readonly Embedding itemEmbedding;
    private readonly Embedding categoryEmbedding;
    private readonly Embedding priceEmbedding;
    private readonly Embedding gapEmbedding;
    private readonly Linear actionProjection;
    private readonly LSTMCell cell;
    private readonly Linear stageHead;
    private readonly Linear conversionHead;
    private readonly Linear frictionHead;
    private readonly Linear sessionProjection;

    public SessionModel(SessionModelDimensions dimensions) : base(nameof(SessionModel))
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        dimensions.Validate();
        Dimensions = dimensions;
        var e = dimensions.EmbeddingSize;
        typeEmbedding = nn.Embedding(SessionModelDimensions.TypeCount, e);
        itemEmbedding = nn.Embedding(dimensions.ItemCount, dimensions.ItemEmbeddingSize);
        categoryEmbedding = nn.Embedding(dimensions.CategoryCount, e);
        priceEmbedding = nn.Embedding(dimensions.PriceBucketCount, e);
        gapEmbedding = nn.Embedding(dimensions.GapBucketCount, e);
        actionProjection = nn.Linear((4 * e) + dimensions.ItemEmbeddingSize, e);
        cell = nn.LSTMCell(e, dimensions.HiddenSize);
        stageHead = nn.Linear(dimensions.HiddenSize, SessionModelDimensions.StageCount);
        conversionHead = nn.Linear(dimensions.HiddenSize, 1);
        frictionHead = nn.Linear(dimensions.HiddenSize, 1);
        sessionProjection = nn.Linear(dimensions.HiddenSize, dimensions.ItemEmbeddingSize);
        RegisterComponents();
    }

    public SessionModelDimensions Dimensions { get; }

    /// <summary>The item embedding table [ItemCount, ItemEmbeddingSize] as stored; row 0 is out-of-vocabulary.</summary>
    public Tensor ItemTable => itemEmbedding.weight!;

    /// <summary>
    /// Dropout on the item embedding that enters each step and on the hidden state the session embedding is read from,
    /// applied only in training mode (GRU4Rec's tuned setups and NISER+ use both). Not part of the model file: serving
    /// never drops anything.
    /// </summary>
    public double TrainingDropout { get; set; }

    private Tensor? frozenScoringTable;

    /// <summary>
    /// The table next items are scored against: <see cref="ItemTable"/>, or with <see cref="SessionModelDimensions.NormalizedScale"/>
    /// its rows L2-normalized. In training it is computed afresh (gradients flow through it); after <see cref="FreezeScoringTable"/>
    /// (a serving model's weights never change) it is computed once.
    /// </summary>
    public Tensor ScoringTable =>
        Dimensions.NormalizedScale == 0 ? ItemTable : frozenScoringTable ?? nn.functional.normalize(ItemTable, p: 2, dim: 1);

    /// <summary>Computes the scoring table once for a model whose weights stay as they are (serving, evaluation).</summary>
    public void FreezeScoringTable()
    {
        if (Dimensions.NormalizedScale == 0) return;
        using var noGrad = no_grad();
        frozenScoringTable?.Dispose();
        frozenScoringTable = nn.functional.normalize(ItemTable, p: 2, dim: 1).detach().DetachFromDisposeScope();
    }

    /// <summary>
    /// One step for a batch of sessions: <paramref name="input"/> [B,5] int64, <paramref name="h"/>/<paramref name="c"/> [B,H].
    /// Every row is computed in a block of exactly <see cref="ScoringChunkRows"/> rows (the last one padded), so a
    /// session's result is the same to the bit whatever batch it shares and wherever it sits in it. Matrix kernels
    /// pick their blocking by row count, so without the fixed block a row's floats vary in the last bits with the batch
    /// size (measured; BatchInvarianceTests) — and a decision repeated after a crash must be identical to the first.
    /// </summary>
    /// <param name="blockRows">Rows per block: <see cref="ScoringChunkRows"/>, or 1 where every call has one row
    /// (a batcher limited to one step per forward), which is invariant by itself.</param>
    public SessionModelOutput Step(Tensor input, Tensor h, Tensor c, int blockRows = ScoringChunkRows)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        var rows = input.shape[0];
        var padded = (rows + blockRows - 1) / blockRows * blockRows;
        if (padded != rows)
        {
            input = cat([input, zeros(padded - rows, input.shape[1], dtype: input.dtype, device: input.device)], 0);
            h = cat([h, zeros(padded - rows, h.shape[1], device: h.device)], 0);
            c = cat([c, zeros(padded - rows, c.shape[1], device: c.device)], 0);
        }
        if (padded == blockRows)
        {
            var (h1, c1) = Advance(input, h, c);
            return Narrow(Heads(h1, c1), rows);
        }
        var chunks = new List<SessionModelOutput>();
        for (long from = 0; from < padded; from += blockRows)
        {
            var (h1, c1) = Advance(input.narrow(0, from, blockRows), h.narrow(0, from, blockRows),
                c.narrow(0, from, blockRows));
            chunks.Add(Heads(h1, c1));
        }
        return Narrow(new SessionModelOutput(
            cat([.. chunks.Select(o => o.H)], 0),
            cat([.. chunks.Select(o => o.C)], 0),
            cat([.. chunks.Select(o => o.StageProbabilities)], 0),
            cat([.. chunks.Select(o => o.Conversion)], 0),
            cat([.. chunks.Select(o => o.Friction)], 0),
            cat([.. chunks.Select(o => o.SessionEmbedding)], 0)), rows);
    }

    private static SessionModelOutput Narrow(SessionModelOutput o, long rows) =>
        o.H.shape[0] == rows
            ? o
            : new(o.H.narrow(0, 0, rows), o.C.narrow(0, 0, rows), o.StageProbabilities.narrow(0, 0, rows),
                o.Conversion.narrow(0, 0, rows), o.Friction.narrow(0, 0, rows), o.SessionEmbedding.narrow(0, 0, rows));

    /// <summary>
    /// The whole sequence [B,T,5] from the given (or zero) state, one <see cref="Step"/>-identical cell advance per
    /// time step; the heads run on the stacked states. Results are [B,T,…].
    /// </summary>
    public SessionModelOutput Forward(Tensor inputs, Tensor? h0 = null, Tensor? c0 = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var batch = inputs.shape[0];
        var steps = inputs.shape[1];
        var h = h0 ?? zeros(batch, Dimensions.HiddenSize, device: inputs.device);
        var c = c0 ?? zeros(batch, Dimensions.HiddenSize, device: inputs.device);
        var hs = new List<Tensor>((int)steps);
        var cs = new List<Tensor>((int)steps);
        for (var t = 0; t < steps; t++)
        {
            (h, c) = Advance(inputs.select(1, t), h, c);
            hs.Add(h);
            cs.Add(c);
        }
        return Heads(stack(hs, 1), stack(cs, 1));
    }

    /// <summary>
    /// Next-item probabilities [.., ItemCount] for session embeddings [.., ItemEmbeddingSize]: softmax over the
    /// vocabulary of session · item table; index 0 (out-of-vocabulary) gets probability 0 so it is never recommended.
    /// </summary>
    public Tensor NextItemProbabilities(Tensor sessionEmbedding)
    {
        ArgumentNullException.ThrowIfNull(sessionEmbedding);
        var logits = sessionEmbedding.matmul(ScoringTable.t());
        var oov = tensor(new long[] { 0 }, device: logits.device);
        return logits.index_fill(-1, oov, float.NegativeInfinity).softmax(-1);
    }

    /// <summary>
    /// The <paramref name="k"/> most probable next items per session, best first: their probabilities (as in
    /// <see cref="NextItemProbabilities"/>) and vocabulary indices, both [B, k], for session embeddings [B, D].
    /// See <see cref="TopByDotProduct"/> for how rows are scored.
    /// </summary>
    public (Tensor Probabilities, Tensor Indices) TopNextItems(Tensor sessionEmbedding, int k, int blockRows = ScoringChunkRows)
    {
        var (logits, indices, logNormalizer) = TopByDotProduct(sessionEmbedding, ScoringTable, k, blockRows);
        // Element-wise, so a row's probabilities are as batch-independent as its logits.
        return ((logits - logNormalizer).exp_(), indices);
    }

    /// <summary>
    /// Exact top-<paramref name="k"/> rows of <paramref name="table"/> [N, D] by dot product with each query of
    /// <paramref name="queries"/> [B, D], best first, never row 0 (out-of-vocabulary): the logits and row indices [B, k],
    /// and the logsumexp of each query's logits over rows 1…N-1 [B, 1] (the softmax normalizer).
    /// Rows are scored in blocks of <paramref name="blockRows"/> and only logits are materialized (probabilities come
    /// from the top logits and the logsumexp): a [B, items] block for a large batch and vocabulary is tens of MB, and
    /// allocating and touching it cost more than the arithmetic (the batch-size benchmark shows it at large batches).
    /// </summary>
    public static (Tensor Logits, Tensor Indices, Tensor LogNormalizer) TopByDotProduct(Tensor queries, Tensor table, int k,
        int blockRows = ScoringChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(table);
        var rows = queries.shape[0];
        var transposed = table.t();
        using var oov = tensor(new long[] { 0 }, device: queries.device);
        var logitBlocks = new List<Tensor>();
        var indexBlocks = new List<Tensor>();
        var normalizerBlocks = new List<Tensor>();
        // Padded to whole blocks for the same reason as Step: a row's logits must not depend on the batch.
        var padded = (rows + blockRows - 1) / blockRows * blockRows;
        var embeddings = padded == rows
            ? queries
            : cat([queries, zeros(padded - rows, queries.shape[1], dtype: queries.dtype, device: queries.device)], 0);
        for (long from = 0; from < padded; from += blockRows)
        {
            var length = Math.Min(blockRows, rows - from);
            using var logits = mm(embeddings.narrow(0, from, blockRows), transposed).narrow(0, 0, length);
            logits.index_fill_(-1, oov, float.NegativeInfinity);
            var (top, index) = logits.topk(k, dim: -1, largest: true, sorted: true);
            logitBlocks.Add(top);
            indexBlocks.Add(index);
            normalizerBlocks.Add(logits.logsumexp(-1, keepdim: true));
        }
        return logitBlocks.Count == 1
            ? (logitBlocks[0], indexBlocks[0], normalizerBlocks[0])
            : (cat(logitBlocks, 0), cat(indexBlocks, 0), cat(normalizerBlocks, 0));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            frozenScoringTable?.Dispose();
            frozenScoringTable = null;
        }
        base.Dispose(disposing);
    }

    /// <summary>Rows per block in <see cref="Step"/> and <see cref="TopNextItems"/>.</summary>
    public const int ScoringChunkRows = 32;

    private (Tensor H, Tensor C) Advance(Tensor input, Tensor h, Tensor c)
    {
        var item = itemEmbedding.forward(input.select(1, 1));
        if (Dimensions.NormalizedScale > 0) item = nn.functional.normalize(item, p: 2, dim: 1);
        if (training && TrainingDropout > 0) item = nn.functional.dropout(item, TrainingDropout, training: true);
        var action = cat(
        [
            typeEmbedding.forward(input.select(1, 0)),
            item,
            categoryEmbedding.forward(input.select(1, 2)),
            priceEmbedding.forward(input.select(1, 3)),
            gapEmbedding.forward(input.select(1, 4)),
        ], 1);
        var encoded = actionProjection.forward(action).tanh();
        return cell.forward(encoded, (h, c));
    }

    private SessionModelOutput Heads(Tensor h, Tensor c) => new(
        h,
        c,
        stageHead.forward(h).softmax(-1),
        conversionHead.forward(h).squeeze(-1).sigmoid(),
        frictionHead.forward(h).squeeze(-1).sigmoid(),
        SessionEmbedding(h));

    private Tensor SessionEmbedding(Tensor h)
    {
        var read = training && TrainingDropout > 0 ? nn.functional.dropout(h, TrainingDropout, training: true) : h;
        var session = sessionProjection.forward(read);
        return Dimensions.NormalizedScale > 0 ? nn.functional.normalize(session, p: 2, dim: -1) * Dimensions.NormalizedScale : session;
    }
}
