using ScottPlot;

namespace Journeys.Lab.Forecast;

/// <summary>
/// One series over the evaluation days as a PNG: the actual counts, the model's forecast with its prediction interval as
/// a band, and the baselines' forecasts as dashed lines.
/// </summary>
public static class ForecastChart
{
    public static void Write(string path, string title, ForecastTrace trace, double intervalLevel, int width = 1100, int height = 560)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(trace);
        var xs = trace.Days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var plot = new Plot();
        try
        {
            Color[] palette = [Colors.Orange, Colors.Green, Colors.Purple, Colors.Brown];
            var next = 0;
            foreach (var (method, forecasts) in trace.Forecasts)
            {
                var means = forecasts.Select(f => f.Mean).ToArray();
                if (method == "model")
                {
                    var band = plot.Add.FillY(xs, forecasts.Select(f => f.Lower).ToArray(), forecasts.Select(f => f.Upper).ToArray());
                    band.FillColor = Colors.Blue.WithAlpha(0.15);
                    band.LineWidth = 0;
                    band.LegendText = $"model {intervalLevel:P0} interval";
                    var line = plot.Add.Scatter(xs, means);
                    line.Color = Colors.Blue;
                    line.LineWidth = 2;
                    line.MarkerSize = 0;
                    line.LegendText = "model";
                }
                else
                {
                    var line = plot.Add.Scatter(xs, means);
                    line.Color = palette[next++ % palette.Length];
                    line.LinePattern = LinePattern.Dashed;
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 0;
                    line.LegendText = method;
                }
            }
            var actual = plot.Add.Scatter(xs, trace.Actual.ToArray());
            actual.Color = Colors.Black;
            actual.LineWidth = 1;
            actual.MarkerSize = 5;
            actual.LegendText = "actual";
            plot.Axes.DateTimeTicksBottom();
            // Counts: no room below zero, a little above the highest interval end or point.
            var top = trace.Actual.Concat(trace.Forecasts.Values.SelectMany(f => f.Select(d => d.Upper))).DefaultIfEmpty(1).Max();
            plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.08);
            plot.Title(title);
            plot.YLabel("purchases per day");
            plot.ShowLegend(Alignment.UpperLeft);
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            plot.SavePng(path, width, height);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
