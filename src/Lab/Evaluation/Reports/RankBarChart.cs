using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Lab.Evaluation.Reports;

/// <summary>
/// The next-item reports' bar chart: for each named ranker, HR@20 (blue) beside MRR@20 (orange), in %, 900 × 480 PNG.
/// </summary>
public static class RankBarChart
{
    public static void Save(string path, string title, IReadOnlyList<(string Name, NextItemScores Scores)> rankers)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rankers);
        var plot = new ScottPlot.Plot();
        var bars = new List<ScottPlot.Bar>();
        for (var i = 0; i < rankers.Count; i++)
        {
            bars.Add(new ScottPlot.Bar { Position = (i * 3) + 0, Value = rankers[i].Scores.Hr20 * 100, FillColor = ScottPlot.Colors.SteelBlue });
            bars.Add(new ScottPlot.Bar { Position = (i * 3) + 1, Value = rankers[i].Scores.Mrr20 * 100, FillColor = ScottPlot.Colors.Orange });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rankers.Count).Select(i => (i * 3) + 0.5)], [.. rankers.Select(r => r.Name)]);
        plot.Title(title);
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, 900, 480);
    }
}
