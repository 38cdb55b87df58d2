using System.Diagnostics;
using System.Globalization;
using Journeys.Scoring.Forecast;

namespace Journeys.Lab.Forecast;

/// <summary>
/// Rolling-origin, one-day-ahead evaluation of the forecast model against the seasonal-naive and moving-average
/// baselines, all in the same run on the same days: for each of the last <see cref="ForecastEvaluationOptions.EvaluationDays"/>
/// days, every method sees only the days before it (the model at most its configured history, as in the stage) and
/// forecasts that day. Groups: the shop's total; the top categories and the top products by purchases before the
/// evaluation days (chosen without looking at the days scored).
/// </summary>
public static class ForecastEvaluation
{
    public static ForecastEvaluationResult Run(PurchaseSeries data, ForecastEvaluationOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var model = options.Model;
        if (options.EvaluationDays < 1 || options.EvaluationDays >= data.Days)
            throw new ArgumentException($"EvaluationDays is {options.EvaluationDays}; the data has {data.Days} days, so use 1 to {data.Days - 1}.", nameof(options));
        var clock = Stopwatch.StartNew();
        var methods = new IDailyForecaster[]
        {
            new SeasonalLevelForecaster(model),
            new SeasonalNaiveForecaster(model.SeasonLength, model.IntervalLevel),
            new MovingAverageForecaster(options.MovingAverageDays, model.IntervalLevel),
        };
        var start = data.Days - options.EvaluationDays;
        var groups = new List<ForecastGroupResult>();

        var (total, trace) = Score(methods, [data.TotalSeries], start, model.HistoryDays);
        groups.Add(new ForecastGroupResult("total", "all purchases per day", 1, total));
        progress?.Invoke($"total: {Summary(total)}");

        if (options.TopCategories > 0)
        {
            var top = Top(data.CategorySeries, start, options.TopCategories);
            var (scores, _) = Score(methods, top, start, model.HistoryDays);
            groups.Add(new ForecastGroupResult("categories", $"top {top.Count} categories by purchases before the evaluation days, each its own series", top.Count, scores));
            progress?.Invoke($"top {top.Count} categories: {Summary(scores)}");
        }
        if (options.TopProducts > 0)
        {
            var top = Top(data.ProductSeries, start, options.TopProducts);
            var (scores, _) = Score(methods, top, start, model.HistoryDays);
            groups.Add(new ForecastGroupResult("products", $"top {top.Count} products by purchases before the evaluation days, each its own series", top.Count, scores));
            progress?.Invoke($"top {top.Count} products: {Summary(scores)}");
        }
        return new ForecastEvaluationResult(options.DatasetName, data.FirstDay, data.LastDay, data.Rows, data.ExcludedRows,
            data.FirstDay.AddDays(start), options.EvaluationDays, model.HistoryDays, model.Smoothing, model.IntervalLevel,
            groups, trace with { Days = [.. Enumerable.Range(start, options.EvaluationDays).Select(data.FirstDay.AddDays)] },
            clock.Elapsed.TotalSeconds);
    }

    // Scores pooled over all series; the trace is the first series' (the total's, for the chart).
    private static (IReadOnlyList<ForecastScores> Scores, ForecastTrace Trace) Score(IDailyForecaster[] methods, IReadOnlyList<double[]> series,
        int start, int historyDays)
    {
        var errors = methods.Select(m => new ForecastErrors(m.Name)).ToArray();
        var traces = methods.Select(_ => new List<DailyForecast>()).ToArray();
        var actual = new List<double>();
        for (var s = 0; s < series.Count; s++)
        {
            var values = series[s];
            for (var day = start; day < values.Length; day++)
            {
                var from = Math.Max(0, day - historyDays);
                for (var m = 0; m < methods.Length; m++)
                {
                    var forecast = methods[m].Forecast(values.AsSpan(from, day - from));
                    errors[m].Add(values[day], forecast);
                    if (s == 0) traces[m].Add(forecast);
                }
                if (s == 0) actual.Add(values[day]);
            }
        }
        var byMethod = new Dictionary<string, IReadOnlyList<DailyForecast>>(StringComparer.Ordinal);
        for (var m = 0; m < methods.Length; m++) byMethod[methods[m].Name] = traces[m];
        return ([.. errors.Select(e => e.Scores())], new ForecastTrace([], actual, byMethod));
    }

    private static List<double[]> Top(Dictionary<string, double[]> series, int before, int count) =>
        [.. series
            .Select(kv => (kv.Key, kv.Value, Sold: kv.Value.AsSpan(0, before).ToArray().Sum()))
            .OrderByDescending(x => x.Sold)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Value)];

    private static string Summary(IReadOnlyList<ForecastScores> scores) => string.Join("; ", scores.Select(s => string.Create(CultureInfo.InvariantCulture,
        $"{s.Method} MAE {s.Mae:F2} sMAPE {s.Smape:F1} % coverage {s.Coverage * 100:F0} %")));
}
