using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class AucBootstrapTests
{
    [Fact]
    public void A_better_model_gets_a_gain_interval_above_zero_that_holds_its_point_estimates_and_repeats_exactly()
    {
        var random = new Random(3);
        var lengths = Enumerable.Range(0, 300).Select(_ => random.Next(1, 6)).ToArray();
        var labels = new List<bool>();
        var model = new List<double>();
        var baseline = new List<double>();
        foreach (var length in lengths)
        {
            var converts = random.NextDouble() < 0.3;
            for (var t = 0; t < length; t++)
            {
                labels.Add(converts);
                model.Add((converts ? 0.6 : 0.4) + (random.NextDouble() * 0.3));
                baseline.Add(random.NextDouble());
            }
        }

        var (m, b, gain) = AucBootstrap.Intervals(model, baseline, labels, lengths);

        Assert.InRange(BinaryMetrics.RocAuc(model, labels), m.Low, m.High);
        Assert.InRange(BinaryMetrics.RocAuc(baseline, labels), b.Low, b.High);
        Assert.True(gain.Low > 0, $"gain interval [{gain.Low}, {gain.High}]");
        Assert.True(b.Low < 0.5 && b.High > 0.5, $"a random baseline's interval [{b.Low}, {b.High}] should hold 0.5");
        Assert.Equal((m, b, gain), AucBootstrap.Intervals(model, baseline, labels, lengths));
    }

    [Fact]
    public void One_class_gives_undefined_intervals_and_mismatched_inputs_are_refused()
    {
        var (m, _, gain) = AucBootstrap.Intervals([0.1, 0.9], [0.5, 0.5], [false, false], [2]);
        Assert.True(double.IsNaN(m.Low) && double.IsNaN(gain.High));
        Assert.Throws<ArgumentException>(() => AucBootstrap.Intervals([0.1, 0.9], [0.5, 0.5], [false, true], [1]));
    }
}
