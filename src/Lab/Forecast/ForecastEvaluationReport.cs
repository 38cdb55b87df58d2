using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Journeys.Lab.Forecast;

/// <summary>The forecast evaluation as markdown (with the chart beside it) and as the one-line JSON of <c>--json</c>.</summary>
public static class ForecastEvaluationReport
{
    public const string ReportFileName = "forecast.md";
    public const string ChartFileName = "forecast-total.png";

    /// <summary>Writes the report and the chart of the total series into <paramref name="folder"/>; returns the report's path.</summary>
    public static string Write(string folder, ForecastEvaluationResult result, string? command = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        ForecastChart.Write(Path.Combine(folder, ChartFileName),
            $"{result.Dataset}: total purchases per day, one day ahead ({result.EvaluationStart:yyyy-MM-dd} to {result.LastDay:yyyy-MM-dd})",
            result.Total, result.IntervalLevel);
        var path = Path.Combine(folder, ReportFileName);
        File.WriteAllText(path, ToMarkdown(result, command));
        return path;
    }

    public static string ToMarkdown(ForecastEvaluationResult result, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"# Demand forecast: {result.Dataset}");
        md.AppendLine();
        var excluded = result.ExcludedRows > 0 ? string.Create(c, $"; {result.ExcludedRows:N0} rows after {result.LastDay:yyyy-MM-dd} left out.") : ".";
        md.AppendLine(c, $"{result.Rows:N0} purchases (one unit per row) from {result.FirstDay:yyyy-MM-dd} to {result.LastDay:yyyy-MM-dd}{excluded}");
        md.AppendLine(c, $"Rolling origin, one day ahead, over the last {result.EvaluationDays} days ({result.EvaluationStart:yyyy-MM-dd} to " +
            $"{result.LastDay:yyyy-MM-dd}): each day is forecast from the days before it only. Model: exponentially weighted level " +
            $"(α = {result.Smoothing}) × weekday factors shrunk toward 1, from at most {result.HistoryDays} days; quasi-Poisson / " +
            $"negative-binomial interval. Baselines: seasonal naive (same weekday last week) and moving average, intervals from their " +
            $"own one-step residuals (normal). Nominal interval coverage {result.IntervalLevel:P0}.");
        md.AppendLine();
        md.AppendLine("MAPE is over days with purchases only (undefined when the actual is 0) and one near-empty day can dominate it; " +
            "sMAPE counts a day with no purchases and a zero forecast as 0 and one with a non-zero forecast as 200 %, so on " +
            "intermittent series (most product-days are zero) it rewards forecasting zero, which a method that copies last week " +
            "mostly does: read MAE, RMSE and coverage there. The model forecasts the mean, which stock-out risk and days of cover need.");
        md.AppendLine();
        foreach (var group in result.Groups)
        {
            md.AppendLine(c, $"## {group.Name}: {group.Description}");
            md.AppendLine();
            md.AppendLine("| method | forecasts | MAE | RMSE | MAPE % (days) | sMAPE % | coverage | mean width |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in group.Methods)
            {
                var mape = s.Mape is { } m ? string.Create(c, $"{m:F1} ({s.MapeDays:N0})") : $"undefined (0 of {s.Points:N0})";
                md.AppendLine(c, $"| {s.Method} | {s.Points:N0} | {s.Mae:F2} | {s.Rmse:F2} | {mape} | {s.Smape:F1} | {s.Coverage:P1} | {s.MeanWidth:F1} |");
            }
            md.AppendLine();
        }
        md.AppendLine(c, $"![total purchases per day, actual and forecasts]({ChartFileName})");
        md.AppendLine();
        md.AppendLine(c, $"Run time {result.Seconds:F2} s.");
        if (command is not null)
        {
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(command);
            md.AppendLine("```");
        }
        return md.ToString();
    }

    /// <summary>
    /// <c>{"task":"forecast","dataset","from","to","evaluationDays","intervalLevel","groups":{name:{method:{"points","mae","rmse","mape","mapeDays","smape","coverage","meanWidth"}}},"seconds"}</c>;
    /// MAPE and sMAPE in percent, coverage as a fraction.
    /// </summary>
    public static string ToJson(ForecastEvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new JsonObject();
        foreach (var group in result.Groups)
        {
            var methods = new JsonObject();
            foreach (var s in group.Methods)
            {
                methods[s.Method] = new JsonObject
                {
                    ["points"] = s.Points,
                    ["mae"] = Math.Round(s.Mae, 4),
                    ["rmse"] = Math.Round(s.Rmse, 4),
                    ["mape"] = s.Mape is { } m ? JsonValue.Create(Math.Round(m, 3)) : null,
                    ["mapeDays"] = s.MapeDays,
                    ["smape"] = Math.Round(s.Smape, 3),
                    ["coverage"] = Math.Round(s.Coverage, 4),
                    ["meanWidth"] = Math.Round(s.MeanWidth, 3),
                };
            }
            groups[group.Name] = methods;
        }
        return new JsonObject
        {
            ["task"] = "forecast",
            ["dataset"] = result.Dataset,
            ["from"] = result.EvaluationStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = result.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["evaluationDays"] = result.EvaluationDays,
            ["intervalLevel"] = result.IntervalLevel,
            ["groups"] = groups,
            ["seconds"] = Math.Round(result.Seconds, 3),
        }.ToJsonString();
    }
}
