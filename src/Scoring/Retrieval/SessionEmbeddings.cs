using Journeys.Scoring.Evaluation.NextItem;
using Journeys.Scoring.Model;
using Journeys.Scoring.Training;
using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// Retrieval queries from real sessions: the model's session embedding after the last click of each test prefix
/// (encoded as bare product views, as the next-item evaluation does) and the item that came next.
/// </summary>
public static class SessionEmbeddings
{
    /// <summary>Embeddings [cases, D] on the CPU in the order of <paramref name="cases"/>, and the targets' item indices (0 = unknown).</summary>
    public static (Tensor Embeddings, long[] Targets) Of(ScoringModel model, IReadOnlyList<NextItemCase> cases, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var d = model.Metadata.Dimensions.ItemEmbeddingSize;
        var embeddings = new float[cases.Count * d];
        var targets = new long[cases.Count];
        var encoder = model.Encoder;
        using var noGrad = no_grad();
        // Equal-length prefixes batch without padding.
        foreach (var group in Enumerable.Range(0, cases.Count).GroupBy(i => cases[i].Prefix.Length))
        {
            var positions = group.ToArray();
            var length = group.Key;
            for (var from = 0; from < positions.Length; from += batchSize)
            {
                var n = Math.Min(batchSize, positions.Length - from);
                using var scope = NewDisposeScope();
                var input = new long[n * length * 5];
                for (var i = 0; i < n; i++)
                {
                    var c = cases[positions[from + i]];
                    for (var t = 0; t < length; t++)
                    {
                        var f = TrainingSets.ItemView(encoder.ProductIndex(c.Prefix[t]));
                        var o = ((i * length) + t) * 5;
                        input[o] = f.Type;
                        input[o + 1] = f.Product;
                        input[o + 2] = f.Category;
                        input[o + 3] = f.PriceBucket;
                        input[o + 4] = f.GapBucket;
                    }
                }
                var output = model.Network.Forward(tensor(input, n, length, 5).to(model.Device));
                var last = output.SessionEmbedding.select(1, length - 1).to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                for (var i = 0; i < n; i++)
                {
                    var position = positions[from + i];
                    last.AsSpan(i * d, d).CopyTo(embeddings.AsSpan(position * d, d));
                    targets[position] = encoder.ProductIndex(cases[position].Target);
                }
            }
        }
        return (tensor(embeddings, cases.Count, d), targets);
    }
}
