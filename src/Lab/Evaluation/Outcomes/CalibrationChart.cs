using System.Globalization;
using ScottPlot;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// A reliability diagram as PNG: mean predicted probability (x) against observed positive rate (y) per non-empty bin,
/// for the model and the baseline, over the diagonal of perfect calibration; each point is labelled with its count and
/// bars on the right axis show how many test steps each bin holds, because a point backed by a handful of steps says little.
/// </summary>
public static class CalibrationChart
{
    public static void Write(string path, string title, IReadOnlyList<CalibrationBin> model, IReadOnlyList<CalibrationBin> baseline,
        int width = 900, int height = 600)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        var plot = new Plot();
        try
        {
            var diagonal = plot.Add.Line(0, 0, 1, 1);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.Color = Colors.Gray;
            diagonal.LegendText = "perfect calibration";

            AddCounts(plot, model, -1, Colors.Blue.WithAlpha(0.25), "model steps per bin");
            AddCounts(plot, baseline, +1, Colors.Orange.WithAlpha(0.25), "baseline steps per bin");
            AddCurve(plot, model, Colors.Blue, "model");
            AddCurve(plot, baseline, Colors.Orange, "baseline (logistic regression)");

            plot.Title(title);
            plot.XLabel("mean predicted probability");
            plot.YLabel("observed positive rate");
            plot.Axes.Right.Label.Text = "test steps in bin";
            // A little headroom above 1 keeps the count labels of fully positive bins inside the frame.
            plot.Axes.SetLimits(0, 1, 0, 1.06);
            // The count axis is set, not autoscaled: once the primary axes are fixed ScottPlot leaves it alone.
            var maxCount = model.Concat(baseline).Select(b => b.Count).DefaultIfEmpty(0).Max();
            plot.Axes.SetLimitsY(0, Math.Max(1, maxCount) * 1.15, plot.Axes.Right);
            plot.ShowLegend(Alignment.UpperLeft);
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            plot.SavePng(path, width, height);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddCurve(Plot plot, IReadOnlyList<CalibrationBin> bins, Color color, string label)
    {
        var filled = bins.Where(b => b.Count > 0).ToArray();
        if (filled.Length == 0)
        {
            return;
        }
        var curve = plot.Add.Scatter(filled.Select(b => b.MeanPredicted).ToArray(), filled.Select(b => b.ObservedRate).ToArray());
        curve.Color = color;
        curve.MarkerSize = 8;
        curve.LineWidth = 2;
        curve.LegendText = label;
        // The count beside each point: the bars alone hide bins of a few steps next to a bin of thousands.
        foreach (var b in filled)
        {
            var text = plot.Add.Text(b.Count.ToString("N0", CultureInfo.InvariantCulture), b.MeanPredicted, b.ObservedRate);
            text.LabelFontSize = 11;
            text.LabelFontColor = color;
            text.OffsetX = 6;
            text.OffsetY = -6;
        }
    }

    // Model and baseline bars sit side by side within their bin (offset −¼ / +¼ of the bin width).
    private static void AddCounts(Plot plot, IReadOnlyList<CalibrationBin> bins, int side, Color color, string label)
    {
        var bars = bins.Select(b =>
        {
            var binWidth = b.Upper - b.Lower;
            return new Bar
            {
                Position = ((b.Lower + b.Upper) / 2) + (side * binWidth / 4),
                Value = b.Count,
                Size = binWidth / 2.2,
                FillColor = color,
                LineWidth = 0,
            };
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Axes.YAxis = plot.Axes.Right;
        plottable.LegendText = label;
    }
}
