using System.Globalization;
using Journeys.Contracts.Events;
using Journeys.Ingest.Files;

namespace Journeys.Lab.Datasets;

/// <summary>
/// REES46 / Open CDP e-commerce behaviour CSV (Kaggle mkechinov: multi-category store, cosmetics shop), header
/// <c>event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session</c>.
/// Mapping: event_time ("2019-10-01 00:00:00 UTC") → timestamp; event_type view / cart / remove_from_cart / purchase →
/// product_view / add_to_cart / remove_from_cart / purchase (any other type is an error, not a guess);
/// product_id → productId; category_id → categoryId (the numeric id is always present, the dotted category_code is
/// often empty, so the id is the stable key); price → price (the listed unit price at event time; empty → null);
/// user_id → userId; user_session → sessionId (a row without a session falls back to "user-{user_id}", so the user's
/// clicks stay together rather than being dropped). brand and category_code have no ClickEvent field and are not carried.
/// quantity stays null: a REES46 row is one product event and the data does not say how many units.
/// </summary>
internal static class Rees46Reader
{
    private static readonly string[] Columns =
        ["event_time", "event_type", "product_id", "category_id", "price", "user_id", "user_session"];

    public static IEnumerable<ClickEvent> Read(string path)
    {
        int[]? c = null;
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (c is null)
            {
                c = DatasetHeader.Locate(path, line, ',', Columns);
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            var f = CsvFields.Split(line, ',');
            if (f.Length <= c.Max())
            {
                throw DatasetFile.Error(path, lineNumber, $"expected at least {c.Max() + 1} fields, found {f.Length}");
            }
            yield return Parse(path, lineNumber, f, c);
        }
    }

    private static ClickEvent Parse(string path, long lineNumber, string[] f, int[] c)
    {
        var timeText = f[c[0]].Trim();
        if (!DateTimeOffset.TryParseExact(timeText, "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw DatasetFile.Error(path, lineNumber, $"event_time '{timeText}' is not 'yyyy-MM-dd HH:mm:ss UTC'");
        }
        var type = f[c[1]].Trim() switch
        {
            "view" => ClickType.ProductView,
            "cart" => ClickType.AddToCart,
            "remove_from_cart" => ClickType.RemoveFromCart,
            "purchase" => ClickType.Purchase,
            var other => throw DatasetFile.Error(path, lineNumber,
                $"event_type '{other}' is not one of view, cart, remove_from_cart, purchase"),
        };
        var product = f[c[2]].Trim();
        if (product.Length == 0)
        {
            throw DatasetFile.Error(path, lineNumber, "product_id is empty");
        }
        var priceText = f[c[4]].Trim();
        double? price = null;
        if (priceText.Length > 0)
        {
            if (!double.TryParse(priceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
                || !double.IsFinite(p) || p < 0)
            {
                throw DatasetFile.Error(path, lineNumber, $"price '{priceText}' is not a non-negative number");
            }
            price = p;
        }
        var user = NullIfEmpty(f[c[5]]);
        var session = NullIfEmpty(f[c[6]]) ?? (user is null
            ? throw DatasetFile.Error(path, lineNumber, "both user_session and user_id are empty")
            : $"user-{user}");
        return new ClickEvent(string.Empty, session, user, time, type, product, NullIfEmpty(f[c[3]]), price);
    }

    private static string? NullIfEmpty(string s)
    {
        var t = s.Trim();
        return t.Length == 0 ? null : t;
    }
}
