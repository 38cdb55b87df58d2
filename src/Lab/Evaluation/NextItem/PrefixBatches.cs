using Journeys.Scoring.Model;
using Journeys.Lab.Training;
using static TorchSharp.torch;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// Runs the model over test prefixes the way every next-item evaluation does: each prefix as bare product views (the
/// benchmark splits have nothing else), prefixes of equal length batched together without padding, and hands each
/// batch's session embeddings after the last click to the caller.
/// </summary>
public static class PrefixBatches
{
    /// <param name="onBatch">Called per batch inside a dispose scope with no gradients: the batch's case positions in
    /// <paramref name="cases"/> and the session embeddings [n, D] on the model's device, row i for position i.</param>
    public static void Run(ScoringModel model, IReadOnlyList<NextItemCase> cases, int batchSize, Action<int[], Tensor> onBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(onBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var encoder = model.Encoder;
        using var noGrad = no_grad();
        foreach (var group in Enumerable.Range(0, cases.Count).GroupBy(i => cases[i].Prefix.Length))
        {
            var all = group.ToArray();
            var length = group.Key;
            for (var from = 0; from < all.Length; from += batchSize)
            {
                var positions = all.AsSpan(from, Math.Min(batchSize, all.Length - from)).ToArray();
                using var scope = NewDisposeScope();
                var input = new long[positions.Length * length * 5];
                for (var i = 0; i < positions.Length; i++)
                {
                    var prefix = cases[positions[i]].Prefix;
                    for (var t = 0; t < length; t++)
                    {
                        var f = TrainingSets.ItemView(encoder.ProductIndex(prefix[t]));
                        var o = ((i * length) + t) * 5;
                        input[o] = f.Type;
                        input[o + 1] = f.Product;
                        input[o + 2] = f.Category;
                        input[o + 3] = f.PriceBucket;
                        input[o + 4] = f.GapBucket;
                    }
                }
                var output = model.Network.Forward(tensor(input, positions.Length, length, 5).to(model.Device));
                onBatch(positions, output.SessionEmbedding.select(1, length - 1));
            }
        }
    }
}
