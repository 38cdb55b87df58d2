using static TorchSharp.torch;

namespace Journeys.Scoring.Maths;

/// <summary>
/// L2-regularized logistic regression on standardized features, the engineered-features baseline of the outcome heads.
/// <para>
/// Objective: mean log-loss + (λ/2)·‖w‖² (the bias is not penalized). Features are standardized with the training
/// rows' mean and standard deviation (a constant column gets scale 1 and thus weight 0 in effect), and the same
/// statistics are applied at prediction time, so nothing of the test split leaks into the fit.
/// </para>
/// <para>
/// Optimizer: Newton's method with a backtracking line search, in float64 TorchSharp tensors on the CPU. With a few
/// dozen features the Hessian is tiny, the objective is strictly convex (λ &gt; 0), and Newton reaches the optimum in
/// ~10 iterations with no learning rate, batch order or seed — so the fit is deterministic (to the last bit of rounding:
/// libtorch may add in another order from call to call) and does not depend on tuning. When the training labels hold one class only there is no finite optimum for the bias; the model is then the
/// constant smoothed rate (positives + ½) / (n + 1) and <see cref="Degenerate"/> is true.
/// </para>
/// </summary>
public sealed class LogisticRegression
{
    public const double DefaultL2 = 1e-3;

    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double[] _weights;

    private LogisticRegression(double[] means, double[] scales, double[] weights, double bias, int iterations, bool degenerate)
    {
        this._means = means;
        this._scales = scales;
        this._weights = weights;
        Bias = bias;
        Iterations = iterations;
        Degenerate = degenerate;
    }

    /// <summary>Weights on the standardized features.</summary>
    public IReadOnlyList<double> Weights => _weights;

    public double Bias { get; }

    /// <summary>Newton iterations the fit took (0 when <see cref="Degenerate"/>).</summary>
    public int Iterations { get; }

    /// <summary>The training labels held one class only; the model predicts a constant.</summary>
    public bool Degenerate { get; }

    public static LogisticRegression Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels,
        double l2 = DefaultL2, int maxIterations = 100, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new ArgumentException($"Need at least one row and one label per row ({features.Count} rows, {labels.Count} labels).",
                nameof(labels));
        }
        var n = features.Count;
        var d = features[0].Length;
        if (features.Any(r => r.Length != d || r.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException($"Every row needs {d} finite values.", nameof(features));
        }
        var (means, scales) = Standardization(features, d);
        var positives = labels.Count(l => l);
        if (positives == 0 || positives == n)
        {
            var rate = (positives + 0.5) / (n + 1);
            return new LogisticRegression(means, scales, new double[d], Math.Log(rate / (1 - rate)), 0, degenerate: true);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(Design(features, means, scales), [n, d + 1], float64);
        var y = tensor(labels.Select(l => l ? 1.0 : 0.0).ToArray(), float64);
        var penalty = tensor([.. Enumerable.Repeat(l2, d), 0.0], float64);
        var w = zeros(d + 1, float64);
        var loss = Objective(x, y, penalty, w);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var p = x.mv(w).sigmoid();
            var gradient = (x.t().mv(p - y) / n) + (penalty * w);
            var curvature = p * (1 - p);
            // λ on the diagonal keeps the Hessian positive definite; the bias entry gets a tiny ridge for the same reason.
            var hessian = (x.t().mm(x * curvature.unsqueeze(1)) / n) + diag(penalty + 1e-12);
            var step = linalg.solve(hessian, gradient);
            var decrement = gradient.dot(step).item<double>();
            if (decrement / 2 < tolerance)
            {
                break;
            }
            // Backtracking (Armijo): full Newton steps can overshoot far from the optimum on nearly separable data.
            var t = 1.0;
            while (true)
            {
                var candidate = w - (t * step);
                var candidateLoss = Objective(x, y, penalty, candidate);
                if (candidateLoss <= loss - (0.25 * t * decrement) || t < 1e-10)
                {
                    w = candidate;
                    loss = candidateLoss;
                    break;
                }
                t /= 2;
            }
        }
        var all = w.data<double>().ToArray();
        return new LogisticRegression(means, scales, all[..d], all[d], iterations, degenerate: false);
    }

    /// <summary>
    /// The same model on the raw (unstandardized) features: logit = Σ weights[j]·row[j] + bias, for a linear layer that
    /// should compute it (the session model's outcome heads).
    /// </summary>
    public (double[] Weights, double Bias) Unstandardized()
    {
        var raw = new double[_weights.Length];
        var bias = Bias;
        for (var j = 0; j < _weights.Length; j++)
        {
            raw[j] = _weights[j] / _scales[j];
            bias -= raw[j] * _means[j];
        }
        return (raw, bias);
    }

    public double Predict(double[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != _weights.Length)
        {
            throw new ArgumentException($"Expected {_weights.Length} features, got {row.Length}.", nameof(row));
        }
        var z = Bias;
        for (var j = 0; j < _weights.Length; j++)
        {
            z += _weights[j] * ((row[j] - _means[j]) / _scales[j]);
        }
        return 1 / (1 + Math.Exp(-z));
    }

    public double[] Predict(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var predictions = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            predictions[i] = Predict(rows[i]);
        }
        return predictions;
    }

    // Mean log-loss written with softplus, which is exact for large |z| where log(sigmoid) would underflow.
    private static double Objective(Tensor x, Tensor y, Tensor penalty, Tensor w)
    {
        using var scope = NewDisposeScope();
        var z = x.mv(w);
        var logLoss = (nn.functional.softplus(z) - (y * z)).mean();
        return (logLoss + (0.5 * (penalty * w * w).sum())).item<double>();
    }

    private static (double[] Means, double[] Scales) Standardization(IReadOnlyList<double[]> rows, int d)
    {
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0;
            foreach (var r in rows) sum += r[j];
            var mean = sum / rows.Count;
            double squares = 0;
            foreach (var r in rows) squares += (r[j] - mean) * (r[j] - mean);
            var sd = Math.Sqrt(squares / rows.Count);
            means[j] = mean;
            scales[j] = sd > 1e-12 ? sd : 1;
        }
        return (means, scales);
    }

    // Row-major standardized rows with a trailing 1 for the bias.
    private static double[] Design(IReadOnlyList<double[]> rows, double[] means, double[] scales)
    {
        var d = means.Length;
        var flat = new double[rows.Count * (d + 1)];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < d; j++)
            {
                flat[(i * (d + 1)) + j] = (rows[i][j] - means[j]) / scales[j];
            }
            flat[(i * (d + 1)) + d] = 1;
        }
        return flat;
    }
}
