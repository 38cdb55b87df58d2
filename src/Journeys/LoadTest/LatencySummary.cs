using HdrHistogram;

namespace Journeys.LoadTest;

/// <summary>Percentiles of one latency measure over a run's steady window, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, long Count)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>From a histogram of microseconds.</summary>
    public static LatencySummary Of(HistogramBase micros)
    {
        ArgumentNullException.ThrowIfNull(micros);
        if (micros.TotalCount == 0)
        {
            return Empty;
        }
        double Ms(double percentile) => micros.GetValueAtPercentile(percentile) / 1000.0;
        return new LatencySummary(Ms(50), Ms(90), Ms(99), Ms(99.9), micros.GetMaxValue() / 1000.0, micros.TotalCount);
    }
}
