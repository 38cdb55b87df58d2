using System.Globalization;
using Journeys.Contracts.Events;

namespace Journeys.Lab.Datasets;

/// <summary>
/// YOOCHOOSE / RecSys Challenge 2015 clicks, in either of two layouts, told apart by the first line:
/// <list type="bullet">
/// <item>session-rec / GRU4Rec prepared TSV, header <c>SessionId\tItemId\tTime</c>, Time = Unix epoch seconds (float, UTC);</item>
/// <item>raw <c>yoochoose-clicks.dat</c>, no header, <c>SessionId,Timestamp,ItemId,Category</c>, Timestamp ISO-8601 UTC.</item>
/// </list>
/// Mapping: every row is a click on an item page → product_view; SessionId → sessionId; ItemId → productId;
/// time → timestamp (millisecond precision). No user ids exist (userId null) and no prices (price null).
/// Raw Category → categoryId, except "0" (the dataset's "unknown"), which becomes null. "S" (special offer) and the
/// 8–10 digit brand ids are kept verbatim: they are what the site showed. The prepared TSV has no category.
/// Buy events (yoochoose-buys.dat) are a separate file and not read here.
/// </summary>
internal static class YoochooseReader
{
    public static IEnumerable<ClickEvent> Read(string path)
    {
        int[]? prepared = null;
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (lineNumber == 1 && line.Contains('\t', StringComparison.Ordinal))
            {
                prepared = DatasetHeader.Locate(path, line, '\t', "SessionId", "ItemId", "Time");
                continue;
            }
            yield return prepared is null ? ParseRaw(path, lineNumber, line) : ParsePrepared(path, lineNumber, line, prepared);
        }
    }

    private static ClickEvent ParsePrepared(string path, long lineNumber, string line, int[] columns)
    {
        var f = line.Split('\t');
        if (f.Length <= columns.Max())
        {
            throw DatasetFile.Error(path, lineNumber, $"expected SessionId, ItemId and Time separated by tabs; found '{line}'");
        }
        var session = Id(path, lineNumber, f[columns[0]], "SessionId");
        var item = Id(path, lineNumber, f[columns[1]], "ItemId");
        if (!double.TryParse(f[columns[2]], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0)
        {
            throw DatasetFile.Error(path, lineNumber, $"Time '{f[columns[2]]}' is not Unix epoch seconds");
        }
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return new ClickEvent(string.Empty, session, null, time, ClickType.ProductView, item);
    }

    private static ClickEvent ParseRaw(string path, long lineNumber, string line)
    {
        var f = line.Split(',');
        if (f.Length != 4)
        {
            throw DatasetFile.Error(path, lineNumber,
                $"expected SessionId,Timestamp,ItemId,Category (raw yoochoose-clicks.dat) or a SessionId/ItemId/Time TSV header; found '{line}'");
        }
        var session = Id(path, lineNumber, f[0], "SessionId");
        if (!DateTimeOffset.TryParse(f[1], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw DatasetFile.Error(path, lineNumber, $"Timestamp '{f[1]}' is not ISO-8601");
        }
        var item = Id(path, lineNumber, f[2], "ItemId");
        var category = f[3].Trim();
        return new ClickEvent(string.Empty, session, null, time, ClickType.ProductView, item,
            category is "" or "0" ? null : category);
    }

    private static string Id(string path, long lineNumber, string value, string column)
    {
        var id = value.Trim();
        return id.Length == 0 ? throw DatasetFile.Error(path, lineNumber, $"{column} is empty") : id;
    }
}
