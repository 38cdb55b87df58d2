using System.Collections.Concurrent;
using Journeys.Contracts.Catalog;

namespace Journeys.Scoring.Products;

/// <summary>
/// The latest feed row per product (cost, list price, category, stock), as read from the catalog topic. Written by the
/// feed consumer's thread, read by every session concurrently; a row replaces the product's previous one whole.
/// </summary>
public sealed class ProductFeed
{
    private readonly ConcurrentDictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Raised on the writer's thread after a row is applied (the forecast stage resets the product's stock).</summary>
    public event Action<CatalogItem>? Updated;

    public int Count => _items.Count;

    /// <summary>Rows applied so far: changes whenever the feed does.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Every row as of now (a moment's copy; rows applied meanwhile may or may not be in it).</summary>
    public IEnumerable<CatalogItem> Items => _items.Values;

    public CatalogItem? Find(string? productId) =>
        productId is not null && _items.TryGetValue(productId, out var item) ? item : null;

    public void Apply(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items[item.ProductId] = item;
        Interlocked.Increment(ref _version);
        Updated?.Invoke(item);
    }
}
