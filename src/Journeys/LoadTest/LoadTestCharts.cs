using ScottPlot;

namespace Journeys.LoadTest;

/// <summary>
/// The charts of a run: latency over time, the latency distribution, throughput with consumer lag, and — for an
/// in-process engine — CPU per event by stage.
/// </summary>
public static class LoadTestCharts
{
    public static IReadOnlyList<string> Write(LoadTestResult r, string directory, string prefix = "loadtest")
    {
        ArgumentNullException.ThrowIfNull(r);
        Directory.CreateDirectory(directory);
        var seconds = r.Samples.Select(s => s.Second).ToArray();
        var written = new List<string>();

        var latency = new Plot();
        latency.Add.Scatter(seconds, r.Samples.Select(s => s.P50Ms).ToArray()).LegendText = "p50";
        latency.Add.Scatter(seconds, r.Samples.Select(s => s.P99Ms).ToArray()).LegendText = "p99";
        var measure = r.Mode == "no-broker" ? "Engine latency" : "End-to-end latency";
        latency.Title($"{measure} per second at {r.Rate:0} events/s ({r.Mode})");
        latency.XLabel("seconds");
        latency.YLabel(r.Mode == "no-broker" ? "ms (received → handed to the sink)" : "ms (send → decision consumed)");
        latency.ShowLegend();
        written.Add(Save(latency, directory, $"{prefix}-latency-over-time.png"));

        var distribution = new Plot();
        // Percentiles on a "nines" axis: x = -log10(1 - p), so 90, 99, 99.9 are evenly spaced.
        var points = r.Distribution.Where(p => p.Percentile < 100).ToArray();
        distribution.Add.Scatter(points.Select(p => -Math.Log10(1 - p.Percentile / 100.0)).ToArray(),
            points.Select(p => p.Ms).ToArray());
        distribution.Title($"Latency distribution at {r.Rate:0} events/s ({r.LatencySamples} decisions)");
        distribution.XLabel("percentile (1 = p90, 2 = p99, 3 = p99.9)");
        distribution.YLabel("ms");
        written.Add(Save(distribution, directory, $"{prefix}-latency-distribution.png"));

        var throughput = new Plot();
        throughput.Add.Scatter(seconds, r.Samples.Select(s => s.DecisionsPerSecond).ToArray()).LegendText = "decisions/s";
        var lag = throughput.Add.Scatter(seconds, r.Samples.Select(s => (double)Math.Max(0, s.Lag)).ToArray());
        lag.LegendText = "consumer lag (records)";
        lag.Axes.YAxis = throughput.Axes.Right;
        throughput.Axes.Right.Label.Text = "lag (records)";
        throughput.Title($"Throughput and consumer lag at {r.Rate:0} events/s offered");
        throughput.XLabel("seconds");
        throughput.YLabel("decisions per second");
        throughput.ShowLegend();
        written.Add(Save(throughput, directory, $"{prefix}-throughput-lag.png"));

        if (r.Cost is { } cost)
        {
            var stages = new Plot();
            var rows = cost.Stages.Where(s => s.MicrosPerEvent > 0).ToArray();
            var bars = stages.Add.Bars(rows.Select(s => s.MicrosPerEvent).ToArray());
            bars.Horizontal = true;
            stages.Axes.Left.SetTicks([.. Enumerable.Range(0, rows.Length).Select(i => (double)i)], [.. rows.Select(s => s.Stage)]);
            stages.Title($"CPU per event by stage at {r.Rate:0} events/s ({r.Mode}): engine {cost.CpuMicrosPerEvent:0} µs, {cost.AllocatedBytesPerEvent:0} B allocated");
            stages.XLabel("µs of CPU per decided event");
            written.Add(Save(stages, directory, $"{prefix}-cpu-by-stage.png"));
        }
        return written;
    }

    private static string Save(Plot plot, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        plot.SavePng(path, 1000, 520);
        return path;
    }
}
