using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Auc_is_the_share_of_correctly_ordered_pairs()
    {
        // Pairs (positive, negative): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ → 3/4.
        Assert.Equal(0.75, BinaryMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void Auc_counts_a_tie_between_classes_as_one_half()
    {
        // Positives {0.5, 0.9}, negatives {0.2, 0.5}: 1 + ½ + 1 + 1 = 3.5 of 4 pairs.
        Assert.Equal(0.875, BinaryMetrics.RocAuc([0.2, 0.5, 0.5, 0.9], [false, false, true, true]), 12);
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, false, true, false]), 12);
    }

    [Fact]
    public void Auc_does_not_depend_on_input_order()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 200).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();
        var permutation = Enumerable.Range(0, 200).OrderBy(_ => random.Next()).ToArray();
        Assert.Equal(
            BinaryMetrics.RocAuc(scores, labels),
            BinaryMetrics.RocAuc(permutation.Select(i => scores[i]).ToArray(), permutation.Select(i => labels[i]).ToArray()),
            12);
    }

    [Fact]
    public void Auc_of_a_single_class_is_NaN()
    {
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.1, 0.9], [false, false])));
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.1, 0.9], [true, true])));
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([], [])));
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_likelihood()
    {
        var expected = -(Math.Log(0.9) + Math.Log(0.8)) / 2;   // 0.164252…
        Assert.Equal(expected, BinaryMetrics.LogLoss([0.9, 0.2], [true, false]), 12);
    }

    [Fact]
    public void Log_loss_clips_certain_mistakes_to_a_finite_value()
    {
        Assert.Equal(-Math.Log(1e-7), BinaryMetrics.LogLoss([0.0, 1.0], [true, false]), 9);
        Assert.Equal(-Math.Log(1e-3), BinaryMetrics.LogLoss([0.0], [true], epsilon: 1e-3), 9);
    }

    [Fact]
    public void Brier_is_the_mean_squared_error_of_the_probability()
    {
        Assert.Equal((0.01 + 0.04 + 0.36) / 3, BinaryMetrics.Brier([0.9, 0.2, 0.6], [true, false, false]), 12);
    }

    [Fact]
    public void Empty_input_gives_NaN_and_mismatched_or_NaN_input_is_refused()
    {
        Assert.True(double.IsNaN(BinaryMetrics.LogLoss([], [])));
        Assert.True(double.IsNaN(BinaryMetrics.Brier([], [])));
        Assert.Throws<ArgumentException>(() => BinaryMetrics.LogLoss([0.5], [true, false]));
        Assert.Throws<ArgumentException>(() => BinaryMetrics.RocAuc([double.NaN, 0.5], [true, false]));
    }
}
