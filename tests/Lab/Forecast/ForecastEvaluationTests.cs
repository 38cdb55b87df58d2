using System.IO.Compression;
using System.Text.Json;
using Journeys.Scoring.Forecast;
using Journeys.Lab.Forecast;

namespace Journeys.Lab.Tests.Forecast;

public sealed class ForecastEvaluationTests : IDisposable
{
    private static readonly DateOnly Start = new(2016, 2, 1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"journeys-forecast-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    // Purchases of one product in one category: counts[d] rows on day d.
    private static IEnumerable<(DateOnly, string, string?)> Rows(IReadOnlyList<int> counts, string product = "p1", string? category = "c1") =>
        counts.SelectMany((n, d) => Enumerable.Repeat((Start.AddDays(d), product, category), n));

    private static int[] Weekly(int weeks, params int[] week) => [.. Enumerable.Repeat(week, weeks).SelectMany(w => w)];

    private static ForecastEvaluationOptions Options(int days = 14) => new() { EvaluationDays = days, TopCategories = 5, TopProducts = 5 };

    [Fact]
    public void On_a_pure_weekly_pattern_seasonal_naive_is_exact_and_the_model_nearly_so()
    {
        var data = PurchaseSeries.From(Rows(Weekly(8, 1, 2, 3, 4, 5, 10, 20)));

        var result = ForecastEvaluation.Run(data, Options());

        var total = result.Groups.Single(g => g.Name == "total").Methods.ToDictionary(m => m.Method);
        Assert.Equal(0, total["seasonal-naive"].Mae);
        Assert.Equal(1, total["seasonal-naive"].Coverage);
        Assert.True(total["model"].Mae < 0.3, $"model MAE {total["model"].Mae}");
        Assert.Equal(1, total["model"].Coverage);
        Assert.True(total["moving-average-7"].Mae > 3);
        Assert.Equal(14, total["model"].Points);
        Assert.Equal(new DateOnly(2016, 3, 14), result.EvaluationStart);
        Assert.Equal(14, result.Total.Days.Count);
    }

    [Fact]
    public void Each_day_is_forecast_from_the_days_before_it_only()
    {
        var counts = Enumerable.Repeat(10, 42).ToArray();
        counts[^1] = 1_000;
        var data = PurchaseSeries.From(Rows(counts));

        var result = ForecastEvaluation.Run(data, Options(7));

        Assert.Equal(1_000, result.Total.Actual[^1]);
        Assert.All(result.Total.Forecasts.Values, f => Assert.Equal(10, f[^1].Mean, 9));
    }

    [Fact]
    public void The_top_series_are_chosen_by_purchases_before_the_days_scored()
    {
        // "late" sells only during the scored days; "early" only before: top-1 must be "early".
        var early = Enumerable.Range(0, 28).Select(d => d < 21 ? 2 : 0).ToArray();
        var late = Enumerable.Range(0, 28).Select(d => d < 21 ? 0 : 50).ToArray();
        var data = PurchaseSeries.From(Rows(early, "early", "c-early").Concat(Rows(late, "late", "c-late")));

        var result = ForecastEvaluation.Run(data, new ForecastEvaluationOptions { EvaluationDays = 7, TopCategories = 1, TopProducts = 1 });

        // "early" sold nothing on the scored days, so no day has a MAPE; "late" would have given seven.
        foreach (var group in new[] { "products", "categories" })
        {
            var scores = result.Groups.Single(g => g.Name == group);
            Assert.Equal(1, scores.Series);
            Assert.Null(scores.Methods[0].Mape);
            Assert.Equal(0, scores.Methods[0].MapeDays);
        }
    }

    [Fact]
    public void Rows_after_the_last_day_are_left_out_and_counted()
    {
        var data = PurchaseSeries.From(Rows([1, 2, 3, 4]).Append((Start, "p2", null)), lastDay: Start.AddDays(1));

        Assert.Equal(2, data.Days);
        Assert.Equal(4, data.Rows);
        Assert.Equal(7, data.ExcludedRows);
        Assert.Equal(1, data.UncategorisedRows);
        Assert.Equal([2.0, 2.0], data.Total);
        Assert.Equal([1.0, 2.0], data.Category("c1"));
    }

    [Fact]
    public void Errors_follow_the_definitions_of_mape_and_smape()
    {
        var errors = new ForecastErrors("m");
        errors.Add(0, new DailyForecast(0, 0, 0));   // sMAPE 0, no MAPE
        errors.Add(0, new DailyForecast(2, 1, 3));   // sMAPE 200, outside the interval
        errors.Add(4, new DailyForecast(2, 0, 4));   // MAPE 50, sMAPE 200·2/6

        var s = errors.Scores();

        Assert.Equal(3, s.Points);
        Assert.Equal(4.0 / 3, s.Mae, 12);
        Assert.Equal(Math.Sqrt(8.0 / 3), s.Rmse, 12);
        Assert.Equal(50, s.Mape!.Value, 12);
        Assert.Equal(1, s.MapeDays);
        Assert.Equal((0 + 200 + (200.0 * 2 / 6)) / 3, s.Smape, 9);
        Assert.Equal(2.0 / 3, s.Coverage, 12);
        Assert.Equal(2, s.MeanWidth, 12);
    }

    [Fact]
    public void Diginetica_tables_are_read_by_column_name_gzip_or_plain()
    {
        Directory.CreateDirectory(_folder);
        var purchases = Path.Combine(_folder, "train-purchases.csv.gz");
        using (var gz = new GZipStream(File.Create(purchases), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
        {
            w.Write("sessionId;userId;timeframe;eventdate;ordernumber;itemId\n150;18278;17100868;2016-05-06;16421;25911\n" +
                "151;NA;6454547;2016-05-06;16290;175874\n156;7;1721689387;2016-05-08;21173;35324\n");
        }
        var categories = Path.Combine(_folder, "product-categories.csv");
        File.WriteAllText(categories, "itemId;categoryId\n25911;1096\n35324;1096\n");

        var data = PurchaseSeries.ReadDiginetica(purchases, categories);

        Assert.Equal(new DateOnly(2016, 5, 6), data.FirstDay);
        Assert.Equal([2.0, 0.0, 1.0], data.Total);
        Assert.Equal([1.0, 0.0, 1.0], data.Category("1096"));
        Assert.Equal(1, data.UncategorisedRows);
        Assert.Equal(3, data.Products.Count());
    }

    [Fact]
    public void The_report_has_a_table_per_group_a_chart_and_a_json_line()
    {
        var random = new Random(3);
        var data = PurchaseSeries.From(Rows([.. Enumerable.Range(0, 70).Select(_ => random.Next(5, 15))]));
        var result = ForecastEvaluation.Run(data, Options(21));

        var report = ForecastEvaluationReport.Write(_folder, result, "journeys evaluate --task forecast");
        using var json = JsonDocument.Parse(ForecastEvaluationReport.ToJson(result));

        var markdown = File.ReadAllText(report);
        Assert.Contains("## total", markdown, StringComparison.Ordinal);
        Assert.Contains("## categories", markdown, StringComparison.Ordinal);
        Assert.Contains("| seasonal-naive |", markdown, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(_folder, ForecastEvaluationReport.ChartFileName)).Length > 1_000);
        var model = json.RootElement.GetProperty("groups").GetProperty("total").GetProperty("model");
        Assert.InRange(model.GetProperty("coverage").GetDouble(), 0, 1);
        Assert.Equal(21, model.GetProperty("points").GetInt32());
    }
}
