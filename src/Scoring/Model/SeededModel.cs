using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Journeys.Contracts.Events;
using TorchSharp;

namespace Journeys.Scoring.Model;

/// <summary>
/// The untrained model the engine runs until a trained file exists: vocabularies from catalog events, weights drawn
/// from a generator seeded with <c>seed</c>. Deterministic: the same events, seed and dimensions give the same
/// vocabularies, weights and version (<c>untrained-seed{seed}-{hash}</c>) on any machine.
/// </summary>
public static class SeededModel
{
    public const int DefaultMaxItems = 50_000;
    public const int DefaultMaxCategories = 5_000;

    /// <param name="catalogEvents">Events whose product and category ids form the vocabularies, most frequent first.</param>
    /// <param name="dimensions">Embedding and hidden sizes (vocabulary and bucket counts are filled in here).</param>
    public static ScoringModel Create(
        IEnumerable<ClickEvent> catalogEvents,
        int seed,
        SessionModelDimensions? dimensions = null,
        int maxItems = DefaultMaxItems,
        int maxCategories = DefaultMaxCategories,
        torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(catalogEvents);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCategories);

        var productCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var categoryCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var click in catalogEvents)
        {
            Count(productCounts, click.ProductId);
            Count(categoryCounts, click.CategoryId);
        }
        var products = ByFrequency(productCounts, maxItems);
        var categories = ByFrequency(categoryCounts, maxCategories);
        var priceEdges = FeatureEncoder.DefaultPriceEdges;
        var gapEdges = FeatureEncoder.DefaultGapEdgesSeconds;
        var dims = (dimensions ?? new SessionModelDimensions()) with
        {
            ItemCount = products.Length + 1,
            CategoryCount = categories.Length + 1,
            PriceBucketCount = priceEdges.Count + 2,
            GapBucketCount = gapEdges.Count + 2,
        };

        var network = new SessionModel(dims);
        try
        {
            Initialize(network, seed);
            var metadata = new ModelMetadata(
                $"untrained-seed{seed.ToString(CultureInfo.InvariantCulture)}-{Fingerprint(dims, products, categories, priceEdges, gapEdges)}",
                Trained: false,
                CreatedAt: DateTimeOffset.UtcNow,
                Seed: seed,
                dims,
                products,
                categories,
                priceEdges.ToArray(),
                gapEdges.ToArray());
            return new ScoringModel(network, metadata, device ?? torch.CPU);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Redraws every parameter from a private generator, in the module's (stable) parameter order. A private
    /// generator rather than <c>torch.manual_seed</c>: the global one is shared by every thread in the process, so
    /// concurrent work (parallel tests, a second model) would interleave draws and break determinism.
    /// Tensor.normal_/uniform_ rather than torch.nn.init.*: in TorchSharp 0.107 the init functions ignore their
    /// generator argument (measured: two generators with the same seed gave different draws).
    /// Scheme: embeddings ~ N(0, 0.1); matrices and LSTM biases ~ U(±1/√fan_in) as PyTorch's defaults; head biases 0.
    /// </summary>
    private static void Initialize(SessionModel network, int seed)
    {
        using var generator = new torch.Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (name.Contains("Embedding", StringComparison.Ordinal))
            {
                parameter.normal_(0, 0.1, generator);
            }
            else if (name.StartsWith("cell.", StringComparison.Ordinal))
            {
                var bound = 1 / Math.Sqrt(network.Dimensions.HiddenSize);
                parameter.uniform_(-bound, bound, generator);
            }
            else if (parameter.dim() == 2)
            {
                var bound = 1 / Math.Sqrt(parameter.shape[1]);
                parameter.uniform_(-bound, bound, generator);
            }
            else
            {
                parameter.zero_();
            }
        }
    }

    private static void Count(Dictionary<string, long> counts, string? id)
    {
        if (string.IsNullOrEmpty(id)) return;
        counts[id] = counts.TryGetValue(id, out var n) ? n + 1 : 1;
    }

    // Most frequent first; ties by ordinal id so the order (and therefore every index) is reproducible.
    private static string[] ByFrequency(Dictionary<string, long> counts, int max) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(max).Select(kv => kv.Key).ToArray();

    private static string Fingerprint(
        SessionModelDimensions dims, string[] products, string[] categories, IReadOnlyList<double> priceEdges, IReadOnlyList<double> gapEdges)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"dims {dims.EmbeddingSize} {dims.HiddenSize} {dims.ItemEmbeddingSize} {dims.ItemCount} {dims.CategoryCount} {dims.PriceBucketCount} {dims.GapBucketCount}\n");
        text.Append("products\n").AppendJoin('\n', products).Append('\n');
        text.Append("categories\n").AppendJoin('\n', categories).Append('\n');
        text.Append("price ").AppendJoin(' ', priceEdges.Select(e => e.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        text.Append("gap ").AppendJoin(' ', gapEdges.Select(e => e.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 4);
    }
}
