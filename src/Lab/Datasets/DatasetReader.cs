using Journeys.Contracts.Events;
using Journeys.Ingest.Files;

namespace Journeys.Lab.Datasets;

/// <summary>
/// Turns a clickstream dataset file into click events in the order a live stream would carry them.
/// <para>
/// Order: by timestamp, ties by file order, so sessions interleave as they did on the site. None of the public files
/// is globally time-sorted (YOOCHOOSE and DIGINETICA are grouped by session), so every format is read completely and
/// stable-sorted in memory before the first event is returned. That is fine for the bundled samples and the copies in
/// ../shared/data (≤ 100k rows, a few MB); a full multi-GB month would need an external sort first.
/// </para>
/// <para>
/// Event ids: the journeys format keeps its own. Every other format gets <c>{format}:{sessionId}:{n}</c>, n = the
/// event's 0-based position within its session in the order above. The same file therefore gives the same ids on
/// every run, so replays are idempotent and a duplicate delivery is recognisable downstream.
/// </para>
/// <para>Gzip is detected by magic bytes. Errors name the file (and line, for bad rows).</para>
/// </summary>
public static class DatasetReader
{
    /// <summary>Reads <paramref name="path"/> lazily: the file is opened when enumeration starts.</summary>
    /// <exception cref="FileNotFoundException">Thrown at once when a path does not name an existing file.</exception>
    /// <exception cref="InvalidDataException">Thrown during enumeration for a malformed row, naming path and line.</exception>
    public static IEnumerable<ClickEvent> Read(string path, DatasetFormat format, DatasetReadOptions? options = null)
    {
        InputFile.EnsureReadable(path);
        var categoriesPath = format is DatasetFormat.DigineticaViews or DatasetFormat.DigineticaJourneys
            ? options?.CategoriesPath
            : null;
        if (categoriesPath is not null)
        {
            InputFile.EnsureReadable(categoriesPath);
        }
        var purchasesPath = format == DatasetFormat.DigineticaJourneys
            ? options?.PurchasesPath ?? throw new ArgumentException(
                "The diginetica-journeys format needs the purchases file (DatasetReadOptions.PurchasesPath).", nameof(options))
            : null;
        if (purchasesPath is not null)
        {
            InputFile.EnsureReadable(purchasesPath);
        }
        var rows = format switch
        {
            DatasetFormat.Journeys => JourneysJsonlReader.Read(path),
            DatasetFormat.Yoochoose => YoochooseReader.Read(path),
            DatasetFormat.Rees46 => Rees46Reader.Read(path),
            DatasetFormat.DigineticaViews => DigineticaViewsReader.Read(path, categoriesPath),
            DatasetFormat.DigineticaJourneys => DigineticaJourneyReader.Read(path, purchasesPath!, categoriesPath),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a dataset format"),
        };
        return format == DatasetFormat.Journeys
            ? InStreamOrder(rows)
            : WithIds(InStreamOrder(rows), IdPrefix(format));
    }

    // Ids name the dataset, not the reader: "diginetica:" rather than "diginetica-views:".
    private static string IdPrefix(DatasetFormat format) =>
        format == DatasetFormat.DigineticaViews ? "diginetica" : DatasetFormats.ToName(format);

    // Enumerable.OrderBy is a stable sort: equal timestamps keep file order.
    private static IEnumerable<ClickEvent> InStreamOrder(IEnumerable<ClickEvent> rows) =>
        rows.OrderBy(e => e.Timestamp.UtcTicks);

    private static IEnumerable<ClickEvent> WithIds(IEnumerable<ClickEvent> ordered, string prefix)
    {
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            next.TryGetValue(e.SessionId, out var n);
            next[e.SessionId] = n + 1;
            yield return e with { EventId = $"{prefix}:{e.SessionId}:{n}" };
        }
    }
}
