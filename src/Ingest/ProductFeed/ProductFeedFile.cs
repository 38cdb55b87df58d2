using System.Globalization;
using System.Text.Json;
using Journeys.Contracts.Json;
using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.Files;

namespace Journeys.Ingest.ProductFeed;

/// <summary>
/// Reads a product feed file: CSV with a header naming the columns <c>productId, categoryId, listPrice, cost, stock</c>
/// (any order, case-insensitive; only productId is required; an empty cell is unknown), or JSON lines of
/// <see cref="ProductFeedItem"/>. Gzip is detected by its bytes. The whole file is checked before anything is returned:
/// a feed with a bad row is refused with every problem listed by line, so a half-loaded feed never happens.
/// </summary>
public static class ProductFeedFile
{
    /// <summary>At most this many problems are listed in the error (the count of all is always given).</summary>
    public const int MaxReportedProblems = 20;

    private static readonly string[] Columns = ["productId", "categoryId", "listPrice", "cost", "stock"];

    /// <exception cref="InvalidDataException">The file has invalid rows; the message lists them by line.</exception>
    public static IReadOnlyList<ProductFeedItem> Read(string path)
    {
        InputFile.EnsureReadable(path);
        using var reader = new StreamReader(InputFile.Open(path));
        var problems = new List<string>();
        var problemCount = 0;
        var items = new List<ProductFeedItem>();
        var lineNumber = 0;
        int[]? columns = null;
        char separator = ',';
        var jsonLines = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (columns is null && !jsonLines)
            {
                if (line.TrimStart().StartsWith('{'))
                {
                    jsonLines = true;
                }
                else
                {
                    separator = line.Contains(';', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal) ? ';' : ',';
                    columns = Header(CsvFields.Split(line, separator), path);
                    continue;
                }
            }
            var (item, problem) = jsonLines ? ParseJson(line) : ParseCsv(CsvFields.Split(line, separator), columns!);
            problem ??= item is null ? null : ProductFeedItemCodec.Validate(item);
            if (problem is not null)
            {
                problemCount++;
                if (problems.Count < MaxReportedProblems)
                {
                    problems.Add($"line {lineNumber}: {problem}");
                }
                continue;
            }
            items.Add(item!);
        }
        if (problemCount > 0)
        {
            throw new InvalidDataException(
                $"Product feed '{path}' has {problemCount} invalid row(s); nothing was loaded. Fix them and load the file again:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", problems) + (problemCount > problems.Count ? $"{Environment.NewLine}  … and {problemCount - problems.Count} more" : ""));
        }
        if (items.Count == 0)
        {
            throw new InvalidDataException($"Product feed '{path}' has no rows.");
        }
        return items;
    }

    private static int[] Header(string[] fields, string path)
    {
        var columns = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            columns[c] = Array.FindIndex(fields, f => string.Equals(f.Trim(), Columns[c], StringComparison.OrdinalIgnoreCase));
        }
        if (columns[0] < 0)
        {
            throw new InvalidDataException(
                $"Product feed '{path}': the first line must be a header with a productId column (columns: {string.Join(", ", Columns)}); got '{string.Join(",", fields)}'.");
        }
        return columns;
    }

    private static (ProductFeedItem? Item, string? Problem) ParseCsv(string[] fields, int[] columns)
    {
        string? Cell(int column) => columns[column] >= 0 && columns[column] < fields.Length && fields[columns[column]].Trim() is { Length: > 0 } v ? v : null;
        var id = Cell(0);
        if (id is null)
        {
            return (null, "productId is empty");
        }
        if (!TryNumber(Cell(2), out var list))
        {
            return (null, $"listPrice '{Cell(2)}' is not a number");
        }
        if (!TryNumber(Cell(3), out var cost))
        {
            return (null, $"cost '{Cell(3)}' is not a number");
        }
        int? stock = null;
        if (Cell(4) is { } s)
        {
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, $"stock '{s}' is not a whole number");
            }
            stock = parsed;
        }
        return (new ProductFeedItem(id, Cell(1), list, cost, stock), null);

        static bool TryNumber(string? text, out double? value)
        {
            value = null;
            if (text is null)
            {
                return true;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                value = v;
                return true;
            }
            return false;
        }
    }

    private static (ProductFeedItem? Item, string? Problem) ParseJson(string line)
    {
        try
        {
            var item = JsonSerializer.Deserialize(line, JourneysJsonContext.Default.ProductFeedItem);
            return item is null ? (null, "the line is JSON null") : (item, item.ProductId is null ? "productId is required" : null);
        }
        catch (JsonException e)
        {
            return (null, $"not a product feed item: {e.Message}");
        }
    }
}
