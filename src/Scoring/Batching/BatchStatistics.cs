namespace Journeys.Scoring.Batching;

/// <summary>
/// A snapshot of a <see cref="StepBatcher"/>'s work since it started. <see cref="BatchSizeCounts"/>[n] is the number
/// of batches of exactly n steps (index 0 unused), so percentiles are exact.
/// </summary>
public sealed record BatchStatistics(
    long Batches,
    long Steps,
    int MaxBatchSize,
    int P50BatchSize,
    int P99BatchSize,
    TimeSpan ForwardTime,
    IReadOnlyList<long> BatchSizeCounts)
{
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Steps / Batches;

    /// <summary>Forward time per step (model, top-K and copies; not queueing).</summary>
    public TimeSpan ForwardTimePerStep => Steps == 0 ? TimeSpan.Zero : ForwardTime / Steps;

    internal static int Percentile(long[] counts, long batches, double fraction)
    {
        if (batches == 0) return 0;
        var rank = (long)Math.Ceiling(fraction * batches);
        long seen = 0;
        for (var size = 1; size < counts.Length; size++)
        {
            seen += counts[size];
            if (seen >= rank) return size;
        }
        return counts.Length - 1;
    }
}
