using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Journeys.Scoring.Forecast;
using Journeys.Lab.Forecast;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys evaluate --task forecast</c>: the demand forecast against seasonal-naive and moving-average baselines on
/// DIGINETICA's full purchases table, by day (total, top categories, top products).
/// </summary>
internal static class EvaluateForecastTask
{
    public const string Folder = "diginetica-cikm16";
    public const string PurchasesFile = "train-purchases.csv.gz";
    public const string CategoriesFile = "product-categories.csv.gz";

    /// <summary>
    /// DIGINETICA's purchases table runs to 2016-06-17, but its training period (the views) ends on 2016-06-01: from
    /// 06-02 on it holds only leftovers of the held-out period (21 purchases that day, then 1–16 a day, against
    /// typically 130–290 before), a cut in the data rather than demand. Scoring it would measure the cut.
    /// </summary>
    public static readonly DateOnly DefaultLastDay = new(2016, 6, 1);

    /// <summary>Adds this task's own options to the command and returns its action.</summary>
    public static Func<ParseResult, EvaluateFlags, CancellationToken, int> AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var weeks = new Option<int>("--weeks")
        {
            Description = "forecast: weeks at the end of the data forecast one day ahead (default 8)",
            DefaultValueFactory = _ => 8,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > 52) r.AddError("--weeks must be between 1 and 52"); } },
        };
        var until = new Option<string>("--until")
        {
            Description = $"forecast: last day of the purchases used, yyyy-MM-dd (default {DefaultLastDay:yyyy-MM-dd}, where DIGINETICA's training period ends)",
            DefaultValueFactory = _ => DefaultLastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Validators = { r => { if (!DateOnly.TryParseExact(r.GetValueOrDefault<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) r.AddError("--until must be a date yyyy-MM-dd"); } },
        };
        var topCategories = new Option<int>("--top-categories")
        {
            Description = "forecast: categories with most purchases to forecast each (default 20; 0 skips)",
            DefaultValueFactory = _ => 20,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 0 or > 10_000) r.AddError("--top-categories must be between 0 and 10000"); } },
        };
        var topProducts = new Option<int>("--top-products")
        {
            Description = "forecast: products with most purchases to forecast each (default 50; 0 skips)",
            DefaultValueFactory = _ => 50,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 0 or > 100_000) r.AddError("--top-products must be between 0 and 100000"); } },
        };
        var smoothing = new Option<double?>("--smoothing")
        {
            Description = $"forecast: the model's level smoothing α in (0, 1] (default Forecast:Smoothing, {new ForecastOptions().Smoothing})",
            Validators = { r => { if (r.GetValueOrDefault<double?>() is { } a && !(a > 0 && a <= 1)) r.AddError("--smoothing must be above 0 and at most 1"); } },
        };
        command.Options.Add(weeks);
        command.Options.Add(smoothing);
        command.Options.Add(until);
        command.Options.Add(topCategories);
        command.Options.Add(topProducts);
        return (parse, flags, cancellationToken) =>
        {
            var data = parse.GetValue(flags.Data)!;
            var folder = Path.Combine(data.FullName, Folder);
            var purchases = Path.Combine(folder, PurchasesFile);
            var categories = Path.Combine(folder, CategoriesFile);
            if (!File.Exists(purchases) || !File.Exists(categories))
            {
                Console.Error.WriteLine($"evaluate: {purchases} or {CategoriesFile} beside it is missing; point --data at the shared datasets " +
                    $"folder (the one holding {Folder}/), or set JOURNEYS_SHARED_DATA.");
                return 2;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var lastDay = DateOnly.ParseExact(parse.GetValue(until)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var series = PurchaseSeries.ReadDiginetica(purchases, categories, lastDay);
            Console.Error.WriteLine($"evaluate: forecast: {series.Rows:N0} purchases over {series.Days} days ({series.FirstDay:yyyy-MM-dd} to " +
                $"{series.LastDay:yyyy-MM-dd}; {series.ExcludedRows:N0} later rows left out), read in {clock.Elapsed.TotalSeconds:F1} s");
            var options = new ForecastEvaluationOptions
            {
                DatasetName = "diginetica-purchases",
                EvaluationDays = 7 * parse.GetValue(weeks),
                TopCategories = parse.GetValue(topCategories),
                TopProducts = parse.GetValue(topProducts),
                Model = parse.GetValue(smoothing) is { } alpha ? new ForecastOptions { Smoothing = alpha } : new ForecastOptions(),
            };
            var result = ForecastEvaluation.Run(series, options, line => Console.Error.WriteLine($"evaluate: forecast: {line}"));
            if (parse.GetValue(flags.Out) is { } outFolder)
            {
                var report = ForecastEvaluationReport.Write(outFolder.FullName, result,
                    $"journeys evaluate --task forecast --weeks {parse.GetValue(weeks)} --until {lastDay:yyyy-MM-dd} --smoothing {options.Model.Smoothing} " +
                    $"--top-categories {options.TopCategories} --top-products {options.TopProducts}");
                Console.Error.WriteLine($"evaluate: wrote {report}");
            }
            foreach (var group in result.Groups)
            {
                Console.WriteLine($"{group.Name} ({group.Series} series, {result.EvaluationDays} days):");
                foreach (var s in group.Methods)
                {
                    var mape = s.Mape is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m:F1} %") : "undefined";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {s.Method,-18} MAE {s.Mae,8:F2}  MAPE {mape,9}  sMAPE {s.Smape,6:F1} %  coverage {s.Coverage * 100,5:F1} %  width {s.MeanWidth,7:F1}"));
                }
            }
            if (parse.GetValue(flags.Json)) Console.WriteLine(ForecastEvaluationReport.ToJson(result));
            return 0;
        };
    }
}
