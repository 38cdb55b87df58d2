using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// A seeded model of the demo's shape (6,500 items in 120 categories, the default sizes) and seeded steps for it: the
/// arithmetic of the model benchmarks, whose weights do not change what a step costs.
/// </summary>
internal static class DemoShapedSteps
{
    private const int Items = 6500;
    private const int Categories = 120;

    public static ScoringModel Model()
    {
        var start = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var catalog = Enumerable.Range(0, Items).Select(i => new ClickEvent($"e{i}", $"s{i % 700}", null,
            start.AddSeconds(i), ClickType.ProductView, $"p{i}", $"c{i % Categories}", 10 + i % 90));
        return SeededModel.Create(catalog, seed: 42);
    }

    /// <summary>
    /// Inputs [rows, 5] with <paramref name="filled"/> seeded product views (the rest zeros, as the batcher pads), and
    /// small random h and c [rows, H].
    /// </summary>
    public static (Tensor Input, Tensor H, Tensor C) Inputs(ScoringModel model, int filled, int rows)
    {
        var rng = new Random(1);
        var x = new long[rows * 5];
        for (var i = 0; i < filled; i++)
        {
            x[i * 5] = (long)ClickType.ProductView + 1;
            x[i * 5 + 1] = 1 + rng.Next(Items);
            x[i * 5 + 2] = 1 + rng.Next(Categories);
            x[i * 5 + 3] = rng.Next(5);
            x[i * 5 + 4] = rng.Next(6);
        }
        var hidden = model.Metadata.Dimensions.HiddenSize;
        return (tensor(x, [rows, 5]), randn(rows, hidden) * 0.1f, randn(rows, hidden) * 0.1f);
    }
}
