namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// Metrics of probabilistic binary predictions. Empty inputs give NaN rather than an exception, so a report over a
/// split without data still renders; callers see NaN (JSON null) and the counts that explain it.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] before the logarithm so one confident miss is finite.</summary>
    public const double DefaultLogLossEpsilon = 1e-7;

    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive scores above a
    /// random negative, a tie counting one half. Ties get their average rank, so a constant predictor scores exactly 0.5.
    /// NaN when the labels hold only one class — the AUC is undefined there, and 0.5 or 1 would both be invented.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Check(scores, labels);
        var n = scores.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }
            // Ranks i+1 … j+1 share their mean.
            var averageRank = ((i + 1) + (j + 1)) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Mean negative log-likelihood (natural log) with probabilities clipped to [ε, 1 − ε]; NaN when empty.</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels,
        double epsilon = DefaultLogLossEpsilon)
    {
        Check(probabilities, labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(epsilon, 0.5);
        if (probabilities.Count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], epsilon, 1 - epsilon);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / probabilities.Count;
    }

    /// <summary>Mean squared difference between probability and outcome (0 or 1); NaN when empty.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        Check(probabilities, labels);
        if (probabilities.Count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.Count;
    }

    private static void Check(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} predictions but {labels.Count} labels.", nameof(labels));
        }
        for (var i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Prediction {i} is NaN.", nameof(scores));
            }
        }
    }
}
