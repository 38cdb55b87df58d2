using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Maths;

namespace Journeys.Scoring.Tests.Maths;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Learns_a_separable_problem()
    {
        var (trainX, trainY) = Separable(new Random(11), 400);
        var (testX, testY) = Separable(new Random(12), 200);
        var model = LogisticRegression.Fit(trainX, trainY);
        Assert.False(model.Degenerate);
        Assert.True(BinaryMetrics.RocAuc(model.Predict(testX), testY) > 0.999);
    }

    [Fact]
    public void Its_unstandardized_coefficients_predict_what_it_predicts()
    {
        var (x, y) = Noisy(new Random(5), 300);
        var model = LogisticRegression.Fit(x, y);
        var (weights, bias) = model.Unstandardized();
        foreach (var row in x.Take(50))
        {
            var z = bias + row.Select((v, j) => v * weights[j]).Sum();
            Assert.Equal(model.Predict(row), 1 / (1 + Math.Exp(-z)), 10);
        }
    }

    [Fact]
    public void Fits_are_deterministic()
    {
        var (x, y) = Noisy(new Random(3), 500);
        var a = LogisticRegression.Fit(x, y);
        var b = LogisticRegression.Fit(x, y);
        // Equal to rounding, not bit for bit: libtorch's float64 kernels may add in another order from one call to the
        // next (seen with one intra-op thread, which tests that start a host set process-wide). A fit that depended on
        // a seed or on row order would differ far above this tolerance.
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(a.Weights, b.Weights, (u, v) => Math.Abs(u - v) <= 1e-12);
        Assert.Equal(a.Bias, b.Bias, 12);
        Assert.Equal(a.Predict(x), b.Predict(x), (u, v) => Math.Abs(u - v) <= 1e-12);
    }

    [Fact]
    public void Recovers_group_rates_of_a_single_binary_feature()
    {
        // 100 rows with x = 0 (20 positive) and 100 with x = 1 (70 positive): the unregularized optimum predicts the
        // group rates exactly; λ = 1e-6 moves them by far less than the tolerance.
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 100; i++)
        {
            x.Add([0]);
            y.Add(i < 20);
            x.Add([1]);
            y.Add(i < 70);
        }
        var model = LogisticRegression.Fit(x, y, l2: 1e-6);
        Assert.Equal(0.2, model.Predict([0.0]), 4);
        Assert.Equal(0.7, model.Predict([1.0]), 4);
    }

    [Fact]
    public void A_single_class_gives_a_constant_smoothed_rate()
    {
        var model = LogisticRegression.Fit([[1.0], [2.0], [3.0]], [false, false, false]);
        Assert.True(model.Degenerate);
        Assert.Equal(0.5 / 4, model.Predict([10.0]), 12);
    }

    [Fact]
    public void A_constant_feature_is_harmless()
    {
        var (x, y) = Noisy(new Random(5), 300);
        var withConstant = x.Select(r => (double[])[.. r, 42.0]).ToList();
        var model = LogisticRegression.Fit(withConstant, y);
        Assert.All(model.Predict(withConstant), p => Assert.True(double.IsFinite(p)));
        Assert.Equal(0, model.Weights[^1], 9);
    }

    private static (List<double[]> X, List<bool> Y) Separable(Random random, int n)
    {
        var x = new List<double[]>();
        var y = new List<bool>();
        while (x.Count < n)
        {
            var a = (random.NextDouble() * 4) - 2;
            var b = (random.NextDouble() * 4) - 2;
            var margin = a + (2 * b) - 0.5;
            if (Math.Abs(margin) < 0.2)
            {
                continue;   // a gap keeps the classes strictly separable
            }
            x.Add([a, b, random.NextDouble()]);
            y.Add(margin > 0);
        }
        return (x, y);
    }

    private static (List<double[]> X, List<bool> Y) Noisy(Random random, int n)
    {
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < n; i++)
        {
            var a = random.NextDouble();
            var b = random.NextDouble() * 10;
            x.Add([a, b]);
            y.Add(random.NextDouble() < 1 / (1 + Math.Exp(-((3 * a) - (0.2 * b)))));
        }
        return (x, y);
    }
}
