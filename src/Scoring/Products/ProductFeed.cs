using System.Collections.Concurrent;
using Journeys.Contracts.ProductFeed;

namespace Journeys.Scoring.Products;

/// <summary>
/// The latest feed row per product (cost, list price, category, stock), as read from its topic (Kafka:CatalogTopic). Written by the
/// feed consumer's thread, read by every session concurrently; a row replaces the product's previous one whole.
/// </summary>
public sealed class ProductFeed
{
    private readonly ConcurrentDictionary<string, ProductFeedItem> _items = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Raised on the writer's thread after a row is applied (the forecast stage resets the product's stock).</summary>
    public event Action<ProductFeedItem>? Updated;

    public int Count => _items.Count;

    /// <summary>Rows applied so far: changes whenever the feed does.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Every row as of now (a moment's copy; rows applied meanwhile may or may not be in it).</summary>
    public IEnumerable<ProductFeedItem> Items => _items.Values;

    public ProductFeedItem? Find(string? productId) =>
        productId is not null && _items.TryGetValue(productId, out var item) ? item : null;

    public void Apply(ProductFeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items[item.ProductId] = item;
        Interlocked.Increment(ref _version);
        Updated?.Invoke(item);
    }
}
