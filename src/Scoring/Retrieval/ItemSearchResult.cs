using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// What an <see cref="IItemIndex"/> found for a batch of B queries: <see cref="Logits"/> [B, k] (dot products, best
/// first), <see cref="Indices"/> [B, k] (table rows, int64), and <see cref="LogNormalizer"/> [B, 1], the logsumexp of the
/// logits of every item the index scored. For the exact index that is all items, so exp(logit − normalizer) is the
/// model's softmax probability; an approximate index scores only its candidates, so the same formula gives the
/// probability among them — an upper bound that is close when the candidates hold most of the softmax mass (the
/// ann evaluation reports the gap).
/// </summary>
public sealed record ItemSearchResult(Tensor Logits, Tensor Indices, Tensor LogNormalizer)
{
    /// <summary>exp(logit − normalizer) [B, k], element-wise, so as batch-independent as the logits.</summary>
    public Tensor Probabilities() => (Logits - LogNormalizer).exp_();
}
