using System.Globalization;
using Journeys.Contracts.Events;

namespace Journeys.Lab.Datasets;

/// <summary>
/// DIGINETICA (CIKM Cup 2016) <c>train-item-views.csv</c>, semicolon-separated,
/// <c>sessionId;userId;itemId;timeframe;eventdate</c> (SR-GNN's sample renames them session_id, user_id, item_id).
/// Mapping: every row → product_view; sessionId → sessionId; userId → userId ("NA" = anonymous → null);
/// itemId → productId; categoryId from product-categories.csv when <see cref="DatasetReadOptions.CategoriesPath"/> is
/// given (else null); price null (prices live in products.csv as pricelog2, which is not available).
/// Timestamp: DIGINETICA gives no clock time. eventdate is the event's calendar date and timeframe the milliseconds
/// since the session's start, so timestamp = 00:00 UTC of the session's earliest eventdate + timeframe. Gaps within a
/// session are therefore exact; the time of day is not (every session of a day starts at midnight), and a session
/// that crosses midnight keeps its true order rather than jumping a day. The timezone is unknown; UTC is assumed.
/// The per-session date needs the whole session, so the file is read completely before any event is returned.
/// </summary>
internal static class DigineticaViewsReader
{
    /// <summary>One row of a Diginetica session table (item views and purchases share the columns).</summary>
    internal readonly record struct Row(string Session, string? User, string Item, long Timeframe, DateOnly Date);

    public static IEnumerable<ClickEvent> Read(string path, string? categoriesPath)
    {
        var categories = categoriesPath is null ? null : ReadCategories(categoriesPath);
        var rows = new List<Row>();
        var sessionStart = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        int[]? c = null;
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (c is null)
            {
                c = DatasetHeader.Locate(path, line, ';', "sessionId", "userId", "itemId", "timeframe", "eventdate");
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            var row = Parse(path, lineNumber, line.Split(';'), c);
            rows.Add(row);
            if (!sessionStart.TryGetValue(row.Session, out var first) || row.Date < first)
            {
                sessionStart[row.Session] = row.Date;
            }
        }
        foreach (var r in rows)
        {
            var start = new DateTimeOffset(sessionStart[r.Session].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var category = categories is not null && categories.TryGetValue(r.Item, out var cat) ? cat : null;
            yield return new ClickEvent(string.Empty, r.Session, r.User, start.AddMilliseconds(r.Timeframe),
                ClickType.ProductView, r.Item, category);
        }
    }

    /// <summary>Parses a row given the located columns sessionId, userId, itemId, timeframe, eventdate.</summary>
    internal static Row Parse(string path, long lineNumber, string[] f, int[] c)
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
        return new Row(session, user is "" or "NA" ? null : user, item, timeframe, date);
    }

    /// <summary>Diginetica's product-categories table (itemId;categoryId); shared by the journeys reader.</summary>
    internal static Dictionary<string, string> ReadCategories(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        int[]? c = null;
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (c is null)
            {
                c = DatasetHeader.Locate(path, line, ';', "itemId", "categoryId");
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split(';');
            if (f.Length <= c.Max())
            {
                throw DatasetFile.Error(path, lineNumber, "expected itemId;categoryId");
            }
            // The published table has one category per item; should a copy repeat an item, the first row wins.
            map.TryAdd(f[c[0]].Trim(), f[c[1]].Trim());
        }
        return map;
    }
}
