using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Journeys.Lab.Forecast;

/// <summary>
/// Purchases as daily series (units per UTC day, day 0 = <see cref="FirstDay"/>): the shop's total, per category and
/// per product. Rows after <see cref="LastDay"/> are left out and counted in <see cref="ExcludedRows"/>.
/// </summary>
public sealed class PurchaseSeries
{
    private PurchaseSeries(DateOnly firstDay, DateOnly lastDay, int rows, int excludedRows, int uncategorisedRows,
        double[] total, Dictionary<string, double[]> byCategory, Dictionary<string, double[]> byProduct)
    {
        FirstDay = firstDay;
        LastDay = lastDay;
        Rows = rows;
        ExcludedRows = excludedRows;
        UncategorisedRows = uncategorisedRows;
        TotalSeries = total;
        CategorySeries = byCategory;
        ProductSeries = byProduct;
    }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    public int Days => TotalSeries.Length;

    /// <summary>Rows counted (each one unit).</summary>
    public int Rows { get; }

    public int ExcludedRows { get; }

    /// <summary>Counted rows whose product has no category (in the total and product series, not in any category's).</summary>
    public int UncategorisedRows { get; }

    public IReadOnlyList<double> Total => TotalSeries;

    public IEnumerable<string> Categories => CategorySeries.Keys;

    public IEnumerable<string> Products => ProductSeries.Keys;

    internal double[] TotalSeries { get; }

    internal Dictionary<string, double[]> CategorySeries { get; }

    internal Dictionary<string, double[]> ProductSeries { get; }

    public IReadOnlyList<double> Category(string categoryId) => CategorySeries[categoryId];

    public IReadOnlyList<double> Product(string productId) => ProductSeries[productId];

    /// <summary>
    /// One unit per row of (day, product, category or null), from the first row's day to <paramref name="lastDay"/>
    /// (default: the last row's day).
    /// </summary>
    public static PurchaseSeries From(IEnumerable<(DateOnly Day, string ProductId, string? CategoryId)> rows, DateOnly? lastDay = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToList();
        if (all.Count == 0) throw new ArgumentException("There are no purchases to build series from.", nameof(rows));
        var first = all.Min(r => r.Day);
        var last = lastDay ?? all.Max(r => r.Day);
        if (last < first) throw new ArgumentException($"The last day {last:yyyy-MM-dd} is before the first purchase ({first:yyyy-MM-dd}).", nameof(lastDay));
        var days = last.DayNumber - first.DayNumber + 1;
        var total = new double[days];
        var byCategory = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var byProduct = new Dictionary<string, double[]>(StringComparer.Ordinal);
        int counted = 0, excluded = 0, uncategorised = 0;
        foreach (var (day, product, category) in all)
        {
            if (day > last)
            {
                excluded++;
                continue;
            }
            var i = day.DayNumber - first.DayNumber;
            counted++;
            total[i]++;
            Series(byProduct, product, days)[i]++;
            if (category is null) uncategorised++;
            else Series(byCategory, category, days)[i]++;
        }
        return new PurchaseSeries(first, last, counted, excluded, uncategorised, total, byCategory, byProduct);

        static double[] Series(Dictionary<string, double[]> map, string key, int days)
        {
            if (!map.TryGetValue(key, out var series)) map[key] = series = new double[days];
            return series;
        }
    }

    /// <summary>
    /// DIGINETICA (CIKM Cup 2016): <c>train-purchases.csv(.gz)</c> (<c>sessionId;userId;timeframe;eventdate;ordernumber;itemId</c>,
    /// one row per item of an order, no quantity: one unit each; eventdate is the day) joined with
    /// <c>product-categories.csv(.gz)</c> (<c>itemId;categoryId</c>).
    /// </summary>
    public static PurchaseSeries ReadDiginetica(string purchasesPath, string categoriesPath, DateOnly? lastDay = null)
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in ReadRows(categoriesPath, "itemId", "categoryId")) categories[f[0]] = f[1];
        var rows = ReadRows(purchasesPath, "eventdate", "itemId").Select(f =>
        {
            if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InvalidDataException($"{purchasesPath}: eventdate '{f[0]}' is not yyyy-MM-dd.");
            return (day, f[1], categories.TryGetValue(f[1], out var c) ? c : null);
        });
        return From(rows, lastDay);
    }

    // The named columns of a ';'-separated file with a header, gzip recognised by its magic bytes.
    private static IEnumerable<string[]> ReadRows(string path, params string[] columns)
    {
        using var file = File.OpenRead(path);
        var gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine()?.Split(';') ?? throw new InvalidDataException($"{path} is empty.");
        var index = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        if (index.Any(i => i < 0))
            throw new InvalidDataException($"{path}: the header '{string.Join(';', header)}' lacks one of the columns {string.Join(", ", columns)}.");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(';');
            if (fields.Length < header.Length) throw new InvalidDataException($"{path}:{lineNumber}: {fields.Length} fields, the header has {header.Length}.");
            yield return index.Select(i => fields[i]).ToArray();
        }
    }
}
