using System.Globalization;
using System.Text.Json;
using ScottPlot;

namespace Journeys.Benchmarks.Charts;

/// <summary>
/// The chart of <see cref="Scoring.StepBackendBenchmarks"/>: CPU µs per event of one batched step by batch size, one
/// line per backend, from BenchmarkDotNet's full JSON report (<c>--exporters json</c>).
/// <c>dotnet run -c Release --project benchmarks -- chart-step-backends REPORT-full.json OUT.png</c>
/// </summary>
internal static class StepBackendChart
{
    public static void Write(string reportPath, string pngPath)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(reportPath));
        var points = new List<(string Backend, int Batch, double MicrosPerEvent)>();
        foreach (var b in report.RootElement.GetProperty("Benchmarks").EnumerateArray())
        {
            var parameters = b.GetProperty("Parameters").GetString()!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            var batch = int.Parse(parameters["Batch"], CultureInfo.InvariantCulture);
            var meanNs = b.GetProperty("Statistics").GetProperty("Mean").GetDouble();
            points.Add((parameters["Backend"], batch, meanNs / 1000 / batch));
        }
        var plot = new Plot();
        foreach (var backend in points.GroupBy(p => p.Backend))
        {
            var line = backend.OrderBy(p => p.Batch).ToArray();
            plot.Add.Scatter(line.Select(p => Math.Log2(p.Batch)).ToArray(), line.Select(p => Math.Log10(p.MicrosPerEvent)).ToArray()).LegendText = backend.Key;
        }
        var batches = points.Select(p => p.Batch).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(batches.Select(b => Math.Log2(b)).ToArray(), batches.Select(b => b.ToString(CultureInfo.InvariantCulture)).ToArray());
        // Both axes logarithmic: the cost spans two orders of magnitude from batch 1 to 256.
        double[] levels = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
        plot.Axes.Left.SetTicks(levels.Select(Math.Log10).ToArray(), levels.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title("One batched step (encoder, LSTM cell, heads): CPU µs per event");
        plot.XLabel("sessions in the batch");
        plot.YLabel("µs per event (mean / batch, log scale)");
        plot.ShowLegend();
        plot.SavePng(pngPath, 1000, 520);
    }
}
