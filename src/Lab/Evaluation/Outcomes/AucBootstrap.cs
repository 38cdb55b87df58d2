namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// Percentile bootstrap 95 % intervals of two predictors' ROC-AUC on the same labels and of their difference, resampling
/// whole sessions with replacement (a session's steps share its fate, so resampling steps would understate the spread).
/// Seeded: the same inputs give the same intervals. A resample that holds one class only is drawn again.
/// </summary>
public static class AucBootstrap
{
    public const int DefaultResamples = 1000;

    /// <param name="sessionLengths">Consecutive runs of steps that form one session, in the order of the lists.</param>
    public static (AucInterval Model, AucInterval Baseline, AucInterval Gain) Intervals(IReadOnlyList<double> model,
        IReadOnlyList<double> baseline, IReadOnlyList<bool> labels, IReadOnlyList<int> sessionLengths,
        int resamples = DefaultResamples, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sessionLengths);
        if (model.Count != labels.Count || baseline.Count != labels.Count || sessionLengths.Sum() != labels.Count)
        {
            throw new ArgumentException("Scores, labels and session lengths must cover the same steps.", nameof(sessionLengths));
        }
        var nan = new AucInterval(double.NaN, double.NaN);
        if (!labels.Contains(true) || !labels.Contains(false) || sessionLengths.Count == 0) return (nan, nan, nan);
        var starts = new int[sessionLengths.Count];
        for (var s = 1; s < starts.Length; s++) starts[s] = starts[s - 1] + sessionLengths[s - 1];

        var random = new Random(seed);
        var a = new List<double>(resamples);
        var b = new List<double>(resamples);
        var gain = new List<double>(resamples);
        var m = new List<double>(labels.Count);
        var p = new List<double>(labels.Count);
        var y = new List<bool>(labels.Count);
        for (var attempts = 0; a.Count < resamples && attempts < resamples * 10; attempts++)
        {
            m.Clear();
            p.Clear();
            y.Clear();
            for (var k = 0; k < starts.Length; k++)
            {
                var s = random.Next(starts.Length);
                for (var i = starts[s]; i < starts[s] + sessionLengths[s]; i++)
                {
                    m.Add(model[i]);
                    p.Add(baseline[i]);
                    y.Add(labels[i]);
                }
            }
            var am = BinaryMetrics.RocAuc(m, y);
            if (double.IsNaN(am)) continue;
            var ab = BinaryMetrics.RocAuc(p, y);
            a.Add(am);
            b.Add(ab);
            gain.Add(am - ab);
        }
        return (Percentiles(a), Percentiles(b), Percentiles(gain));
    }

    private static AucInterval Percentiles(List<double> values)
    {
        if (values.Count == 0) return new AucInterval(double.NaN, double.NaN);
        values.Sort();
        return new AucInterval(values[(int)Math.Floor(0.025 * (values.Count - 1))], values[(int)Math.Ceiling(0.975 * (values.Count - 1))]);
    }
}
