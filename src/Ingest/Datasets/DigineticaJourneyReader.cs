using System.Globalization;
using Journeys.Contracts.Events;

namespace Journeys.Ingest.Datasets;

/// <summary>
/// DIGINETICA (CIKM Cup 2016) journeys: <c>train-item-views.csv</c> joined with <c>train-purchases.csv</c> on sessionId,
/// so a session's views and its purchases form one stream with a conversion outcome.
/// <para>
/// Views map as in <see cref="DigineticaViewsReader"/> (product_view, itemId → productId, "NA" user → null, optional
/// categoryId). Each purchases row (<c>sessionId;userId;timeframe;eventdate;ordernumber;itemId</c>, one row per item of
/// an order) becomes a purchase event with productId = itemId; quantity and price stay null (the table has neither).
/// </para>
/// <para>
/// Only sessions present in the views file are kept: the purchases table is complete (12,630 sessions) while view files
/// are often samples, and a purchase-only session would be a journey without its clicks.
/// </para>
/// <para>
/// Timestamp: both tables give timeframe = milliseconds since the session's start, so every event of a session is put
/// at 00:00 UTC of the session's earliest eventdate (over its views and purchases) + timeframe. Views and purchases
/// therefore share one clock and interleave exactly; a purchase whose timeframe equals a view's comes after it (views are
/// emitted first and <see cref="DatasetReader"/> sorts stably), because one buys what one has looked at.
/// </para>
/// </summary>
internal static class DigineticaJourneyReader
{
    private readonly record struct Row(string Session, string? User, string Item, long Timeframe, DateOnly Date, ClickType Type);

    public static IEnumerable<ClickEvent> Read(string viewsPath, string purchasesPath, string? categoriesPath)
    {
        var categories = categoriesPath is null ? null : DigineticaViewsReader.ReadCategories(categoriesPath);
        var rows = new List<Row>();
        var sessionStart = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var row in ReadViews(viewsPath))
        {
            rows.Add(row);
            KeepEarliest(sessionStart, row);
        }
        foreach (var row in ReadPurchases(purchasesPath))
        {
            // Membership is decided by the views: a purchase only joins a session the views already hold.
            if (sessionStart.ContainsKey(row.Session))
            {
                rows.Add(row);
                KeepEarliest(sessionStart, row);
            }
        }
        foreach (var r in rows)
        {
            var start = new DateTimeOffset(sessionStart[r.Session].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var category = categories is not null && categories.TryGetValue(r.Item, out var cat) ? cat : null;
            yield return new ClickEvent(string.Empty, r.Session, r.User, start.AddMilliseconds(r.Timeframe), r.Type,
                r.Item, category);
        }
    }

    private static void KeepEarliest(Dictionary<string, DateOnly> sessionStart, Row row)
    {
        if (!sessionStart.TryGetValue(row.Session, out var first) || row.Date < first)
        {
            sessionStart[row.Session] = row.Date;
        }
    }

    private static IEnumerable<Row> ReadViews(string path) =>
        ReadRows(path, ClickType.ProductView, "sessionId", "userId", "itemId", "timeframe", "eventdate");

    private static IEnumerable<Row> ReadPurchases(string path) =>
        ReadRows(path, ClickType.Purchase, "sessionId", "userId", "itemId", "timeframe", "eventdate");

    private static IEnumerable<Row> ReadRows(string path, ClickType type, params string[] columns)
    {
        int[]? c = null;
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (c is null)
            {
                c = DatasetHeader.Locate(path, line, ';', columns);
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            yield return Parse(path, lineNumber, line.Split(';'), c, type);
        }
    }

    private static Row Parse(string path, long lineNumber, string[] f, int[] c, ClickType type)
    {
        if (f.Length <= c.Max())
        {
            throw DatasetFile.Error(path, lineNumber, $"expected {c.Max() + 1} fields separated by ';', found {f.Length}");
        }
        var session = f[c[0]].Trim();
        var item = f[c[2]].Trim();
        if (session.Length == 0 || item.Length == 0)
        {
            throw DatasetFile.Error(path, lineNumber, "sessionId and itemId must not be empty");
        }
        var user = f[c[1]].Trim();
        if (!long.TryParse(f[c[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var timeframe))
        {
            throw DatasetFile.Error(path, lineNumber, $"timeframe '{f[c[3]]}' is not whole milliseconds");
        }
        if (!DateOnly.TryParseExact(f[c[4]].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            throw DatasetFile.Error(path, lineNumber, $"eventdate '{f[c[4]]}' is not yyyy-MM-dd");
        }
        return new Row(session, user is "" or "NA" ? null : user, item, timeframe, date, type);
    }
}
