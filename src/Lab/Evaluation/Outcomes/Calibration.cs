namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// Reliability bins of equal width over [0, 1]. Equal width rather than equal count: the bins then mean the same on
/// every dataset and for every model, so two reliability diagrams (model vs baseline) can be read against one another;
/// the count per bin is reported so that sparsely filled bins are visible and not over-read.
/// </summary>
public static class Calibration
{
    public const int DefaultBinCount = 10;

    public static IReadOnlyList<CalibrationBin> Bins(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels,
        int binCount = DefaultBinCount)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException($"{probabilities.Count} predictions but {labels.Count} labels.", nameof(labels));
        }
        var counts = new int[binCount];
        var predicted = new double[binCount];
        var positives = new int[binCount];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 0, 1);
            var b = Math.Min((int)(p * binCount), binCount - 1);
            counts[b]++;
            predicted[b] += p;
            positives[b] += labels[i] ? 1 : 0;
        }
        var bins = new CalibrationBin[binCount];
        for (var b = 0; b < binCount; b++)
        {
            bins[b] = new CalibrationBin(
                (double)b / binCount,
                (double)(b + 1) / binCount,
                counts[b],
                counts[b] == 0 ? double.NaN : predicted[b] / counts[b],
                counts[b] == 0 ? double.NaN : (double)positives[b] / counts[b]);
        }
        return bins;
    }

    /// <summary>
    /// Expected calibration error: the count-weighted mean of |mean prediction − observed rate| over the non-empty bins;
    /// NaN when every bin is empty.
    /// </summary>
    public static double ExpectedError(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var total = bins.Sum(b => b.Count);
        return total == 0
            ? double.NaN
            : bins.Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.ObservedRate)) / total;
    }
}
