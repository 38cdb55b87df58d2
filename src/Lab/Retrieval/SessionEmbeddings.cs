using Journeys.Lab.Evaluation.NextItem;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Lab.Retrieval;

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
        PrefixBatches.Run(model, cases, batchSize, (positions, embedded) =>
        {
            var last = embedded.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            for (var i = 0; i < positions.Length; i++)
            {
                var position = positions[i];
                last.AsSpan(i * d, d).CopyTo(embeddings.AsSpan(position * d, d));
                targets[position] = encoder.ProductIndex(cases[position].Target);
            }
        });
        return (tensor(embeddings, cases.Count, d), targets);
    }
}
