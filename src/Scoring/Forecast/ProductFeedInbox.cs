using System.Collections.Concurrent;
using Journeys.Contracts.ProductFeed;

namespace Journeys.Scoring.Forecast;

/// <summary>
/// How product feed rows reach a running <see cref="ForecastStage"/>: any thread calls <see cref="Offer"/>; the stage
/// applies what is waiting before its next click and at every publish tick, on its own thread, so the model stays
/// single-threaded. Rows wait per product and the latest one wins (the feed's own rule), so a burst of feed updates
/// costs at most one entry per product however long the stage takes to drain it.
/// <para>
/// This holder rather than a GetAsyncCallback: the feed's reader exists before the stage is materialized and outlives
/// restarts of the stream, and a callback only exists while a stage logic is running. Give each running stage its own
/// inbox: draining removes the rows.
/// </para>
/// </summary>
public sealed class ProductFeedInbox
{
    private readonly ConcurrentDictionary<string, ProductFeedItem> _waiting = new(StringComparer.Ordinal);
    // Set after a row is stored and cleared before a drain reads the rows, so a row stored during a drain is never
    // left waiting without the flag; checking the flag costs a volatile read per click instead of the dictionary's locks.
    private int _pending;

    public void Offer(ProductFeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.ProductId, nameof(item));
        _waiting[item.ProductId] = item;
        Volatile.Write(ref _pending, 1);
    }

    public bool HasPending => Volatile.Read(ref _pending) != 0;

    /// <summary>Applies and removes every waiting row; returns how many.</summary>
    public int DrainInto(ForecastModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return 0;
        }
        var applied = 0;
        foreach (var productId in _waiting.Keys)
        {
            if (_waiting.TryRemove(productId, out var item))
            {
                model.Apply(item);
                applied++;
            }
        }
        return applied;
    }
}
