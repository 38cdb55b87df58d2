using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using TorchSharp;

namespace Journeys.Scoring.Tests;

/// <summary>Tiny, seeded catalogs, models and sessions so numerical tests run in milliseconds.</summary>
internal static class TestModels
{
    public static readonly SessionModelDimensions Tiny = new() { EmbeddingSize = 8, HiddenSize = 16, ItemEmbeddingSize = 8 };

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Events over <paramref name="products"/> products in 6 categories; product p is viewed p % 7 + 1 times.</summary>
    public static List<ClickEvent> Catalog(int products = 40)
    {
        var events = new List<ClickEvent>();
        for (var p = 0; p < products; p++)
        {
            for (var n = 0; n <= p % 7; n++)
            {
                events.Add(new ClickEvent($"e{p}-{n}", "catalog", null, Start.AddSeconds(events.Count), ClickType.ProductView,
                    ProductId: $"p{p}", CategoryId: $"c{p % 6}", Price: 3 + (p * 11.5)));
            }
        }
        return events;
    }

    public static ScoringModel Seeded(int seed = 42, int products = 40) => SeededModel.Create(Catalog(products), seed, Tiny);

    /// <summary>A random but seeded session of valid feature indices for <paramref name="model"/>.</summary>
    public static StepFeatures[] Session(ScoringModel model, Random random, int length)
    {
        var d = model.Metadata.Dimensions;
        var steps = new StepFeatures[length];
        for (var t = 0; t < length; t++)
        {
            steps[t] = new StepFeatures(
                random.Next(1, SessionModelDimensions.TypeCount),
                random.Next(0, d.ItemCount),
                random.Next(0, d.CategoryCount),
                random.Next(0, d.PriceBucketCount),
                t == 0 ? 0 : random.Next(1, d.GapBucketCount));
        }
        return steps;
    }

    /// <summary>An LSTM state of <paramref name="size"/> values uniform in [-1, 1).</summary>
    public static float[] RandomState(Random random, int size) =>
        [.. Enumerable.Range(0, size).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    public static long[] Indices(StepFeatures f) => [f.Type, f.Product, f.Category, f.PriceBucket, f.GapBucket];

    public static float[] ToArray(torch.Tensor t) => t.contiguous().cpu().data<float>().ToArray();
}
