namespace Journeys.Scoring.Forecast;

/// <summary>
/// What the forecast stage publishes: per-product demand forecasts and the inventory view, immutable once built, so
/// readers on any thread may hold one while the stage builds the next.
/// </summary>
public sealed class ForecastSnapshot
{
    private readonly Dictionary<string, ProductForecast> _products;

    public ForecastSnapshot(long version, DateTimeOffset asOf, IEnumerable<ProductForecast> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        Version = version;
        AsOf = asOf;
        _products = new Dictionary<string, ProductForecast>(StringComparer.Ordinal);
        foreach (var p in products) _products[p.ProductId] = p;
    }

    /// <summary>Nothing known yet: every product's pressure is Unknown.</summary>
    public static ForecastSnapshot Empty { get; } = new(0, DateTimeOffset.MinValue, []);

    /// <summary>Increases with every snapshot one stage publishes (starts at 1; <see cref="Empty"/> is 0).</summary>
    public long Version { get; }

    /// <summary>Event time of the latest click the stage had seen (the forecasts are for this UTC day).</summary>
    public DateTimeOffset AsOf { get; }

    public int Count => _products.Count;

    public IEnumerable<ProductForecast> Products => _products.Values;

    /// <summary>The product's forecast, or null when the stage tracks nothing about it (treat as Unknown pressure).</summary>
    public ProductForecast? For(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return _products.GetValueOrDefault(productId);
    }

    /// <summary>The product's pressure, Unknown when it is not tracked.</summary>
    public InventoryPressure PressureOf(string productId) => For(productId)?.Pressure ?? InventoryPressure.Unknown;
}
