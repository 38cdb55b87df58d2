using System.Globalization;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Products;

namespace Journeys.Scoring.Advice;

/// <summary>
/// What decisions read beside the session model: the product feed, and the latest catalog and forecast snapshots the
/// stream stages published. A snapshot is immutable and replaced whole (one reference write), so a session reads a
/// consistent view without locks; until a stage first publishes, its view is empty and its version null.
/// </summary>
public sealed class LiveViews
{
    private LiveView<CatalogSnapshot> _catalog = new(CatalogSnapshot.Empty, null);
    private LiveView<ForecastSnapshot> _forecast = new(ForecastSnapshot.Empty, null);

    public LiveViews(ProductFeed feed) => Feed = feed;

    public ProductFeed Feed { get; }

    /// <summary>The installed catalog snapshot, named <c>{n}@{installed UTC}</c>: a stage's counter restarts with the
    /// process, the install time makes the name unique across restarts, so equal versions mean equal views.</summary>
    public LiveView<CatalogSnapshot> Catalog => Volatile.Read(ref _catalog);

    public LiveView<ForecastSnapshot> Forecast => Volatile.Read(ref _forecast);

    public void Install(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _catalog, new(snapshot, Name(snapshot.Version)));
    }

    public void Install(ForecastSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _forecast, new(snapshot, Name(snapshot.Version)));
    }

    private static string Name(long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version}@{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}");
}
