using Journeys.Contracts.Events;

namespace Journeys.Lab.Datasets;

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
        var row = DigineticaViewsReader.Parse(path, lineNumber, f, c);
        return new Row(row.Session, row.User, row.Item, row.Timeframe, row.Date, type);
    }
}
