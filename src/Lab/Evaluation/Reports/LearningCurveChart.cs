using Journeys.Scoring.Model;

namespace Journeys.Lab.Evaluation.Reports;

/// <summary>The learning curve of a training run as a PNG: train and validation loss (left axis), validation HR@20 and MRR@20 (right axis) per epoch.</summary>
public static class LearningCurveChart
{
    public static void Save(string path, TrainingRecord record, int width = 900, int height = 520)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(record);
        var plot = new ScottPlot.Plot();
        var epochs = record.Curve.Select(e => (double)e.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, record.Curve.Select(e => e.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var validation = record.Curve.Where(e => !double.IsNaN(e.ValidationLoss)).ToArray();
        if (validation.Length > 0)
        {
            var xs = validation.Select(e => (double)e.Epoch).ToArray();
            var loss = plot.Add.Scatter(xs, validation.Select(e => e.ValidationLoss).ToArray());
            loss.LegendText = "validation loss";
            var hr = plot.Add.Scatter(xs, validation.Select(e => e.ValidationHr20).ToArray());
            hr.LegendText = "validation HR@20 (right)";
            hr.Axes.YAxis = plot.Axes.Right;
            var mrr = plot.Add.Scatter(xs, validation.Select(e => e.ValidationMrr20).ToArray());
            mrr.LegendText = "validation MRR@20 (right)";
            mrr.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "HR@20 / MRR@20";
        }
        plot.Title($"{record.Dataset}: learning curve (best epoch {record.BestEpoch}, {record.TrainSeconds / 60:F1} min)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        plot.SavePng(path, width, height);
    }
}
