using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Views;

namespace Journeys.Scoring.Forecast;

/// <summary>
/// Per-product demand forecasts and the inventory view, fed clicks and product feed rows. Not thread-safe: one owner
/// (the <see cref="ForecastStage"/>'s logic) calls everything.
/// <para>
/// Time is event time: the current UTC day is the day of the latest click seen (of any type), purchases are bucketed by
/// their own timestamp's UTC day, and a purchase older than the window still lowers stock but no longer counts as
/// demand. The first day is partial unless the first click falls at midnight, so it is left out of every history.
/// </para>
/// <para>
/// Memory: at most <see cref="ForecastOptions.MaxProducts"/> products, the least recently touched dropped first; on
/// each new day, products with no purchase in the window and no stock figure are dropped too.
/// </para>
/// </summary>
public sealed class ForecastModel : IViewModel<ForecastSnapshot>
{
    private readonly ForecastOptions _options;
    private readonly SeasonalLevelForecaster _forecaster;
    private readonly Dictionary<string, ProductDemand> _products = new(StringComparer.Ordinal);
    // Most recently touched first; eviction takes from the end.
    private readonly LinkedList<ProductDemand> _recency = new();
    private readonly double[] _series;
    private int? _firstCompleteDay;
    private int _today = int.MinValue;
    private bool _newDay;
    private bool _changed;
    private long _version;

    public ForecastModel(ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _forecaster = new SeasonalLevelForecaster(options);
        _series = new double[options.HistoryDays];
    }

    public int TrackedProducts => _products.Count;

    /// <summary>Snapshots published by this instance (a restored model counts from 0 again).</summary>
    public int Published { get; private set; }

    /// <summary>Event time of the latest click seen; null before the first.</summary>
    public DateTimeOffset? Clock { get; private set; }

    /// <summary>Completed days the forecasts are built from now (0 … HistoryDays).</summary>
    public int HistoryDays => _firstCompleteDay is { } first ? Math.Clamp(_today - first, 0, _options.HistoryDays) : 0;

    /// <summary>True when a click or feed row changed something since the last <see cref="Publish"/>.</summary>
    public bool HasChanges => _changed;

    public void Observe(ClickEvent click)
    {
        ArgumentNullException.ThrowIfNull(click);
        var timestamp = click.Timestamp.ToUniversalTime();
        var day = DateOnly.FromDateTime(timestamp.UtcDateTime).DayNumber;
        if (_firstCompleteDay is null)
        {
            _firstCompleteDay = timestamp.TimeOfDay == TimeSpan.Zero ? day : day + 1;
        }
        if (day > _today)
        {
            _today = day;
            _newDay = true;
            _changed = true;
        }
        if (Clock is null || timestamp > Clock)
        {
            Clock = timestamp;
        }
        if (click.Type != ClickType.Purchase || string.IsNullOrEmpty(click.ProductId))
        {
            return;
        }
        var quantity = click.Quantity ?? 1;
        if (quantity <= 0)
        {
            return;
        }
        Touch(click.ProductId).AddPurchase(day, quantity);
        _changed = true;
    }

    /// <summary>
    /// A product feed row: its stock replaces the product's stock figure from now on, and purchases observed after this
    /// call are subtracted from it. A null stock makes the stock unknown again. A row with the figure the product already
    /// holds changes nothing: the feed is a compacted topic that every start reads again, and a restored model must not
    /// forget the purchases it subtracted since that same row (a shop that republishes an unchanged figure has not
    /// counted those sales either).
    /// </summary>
    public void Apply(ProductFeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stock = item.Stock is { } s ? Math.Max(0, s) : (int?)null;
        if (_products.TryGetValue(item.ProductId, out var known) ? known.FeedStock == stock : stock is null)
        {
            return;
        }
        Touch(item.ProductId).SetFeedStock(stock);
        _changed = true;
    }

    /// <summary>Forecasts every tracked product for the current day (reusing those unchanged since) as a new snapshot.</summary>
    public ForecastSnapshot Publish()
    {
        var days = HistoryDays;
        if (_newDay)
        {
            ForgetQuietProducts(_today - _options.HistoryDays);
        }
        var forecasts = new List<ProductForecast>(_products.Count);
        // Most recently touched first: an order a restored model keeps (a dictionary's order depends on its history).
        foreach (var product in _recency)
        {
            if (product.Dirty || _newDay || product.Forecast is null)
            {
                product.Forecast = Forecast(product, days);
                product.Dirty = false;
            }
            forecasts.Add(product.Forecast);
        }
        _newDay = false;
        _changed = false;
        Published++;
        return new ForecastSnapshot(++_version, Clock ?? DateTimeOffset.MinValue, forecasts);
    }

    /// <summary>
    /// Writes everything the model holds (products least recently touched first, with their daily purchases, stock
    /// figures and change flags; the day and version counters), so that <see cref="Restore"/> gives a model that goes
    /// on exactly as this one would.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write((long)_options.HistoryDays);
        writer.Write(_firstCompleteDay.HasValue);
        if (_firstCompleteDay is { } first) writer.Write(first);
        writer.Write(_today);
        writer.Write(_newDay);
        writer.Write(_changed);
        writer.Write(_version);
        writer.Write(Clock.HasValue);
        if (Clock is { } clock) writer.Write(clock.UtcTicks);
        writer.Write7BitEncodedInt(_products.Count);
        for (var node = _recency.Last; node is not null; node = node.Previous) node.Value.Write(writer);
    }

    /// <summary>The model <see cref="WriteState"/> wrote, under the running options.</summary>
    /// <exception cref="InvalidDataException">The state is damaged, was written with another Forecast:HistoryDays, or
    /// holds more products than Forecast:MaxProducts: the caller starts empty instead.</exception>
    public static ForecastModel Restore(ForecastOptions options, BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var model = new ForecastModel(options);
        StateIo.Expect(reader, options.HistoryDays, "Forecast:HistoryDays");
        model._firstCompleteDay = reader.ReadBoolean() ? reader.ReadInt32() : null;
        model._today = reader.ReadInt32();
        model._newDay = reader.ReadBoolean();
        model._changed = reader.ReadBoolean();
        model._version = reader.ReadInt64();
        model.Clock = reader.ReadBoolean() ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero) : null;
        var count = StateIo.ReadCount(reader, options.MaxProducts, "products");
        for (var i = 0; i < count; i++)
        {
            var product = ProductDemand.Read(reader, options.HistoryDays);
            if (!model._products.TryAdd(product.ProductId, product)) throw new InvalidDataException($"View state: product '{product.ProductId}' twice");
            model._recency.AddFirst(product.Node);
        }
        return model;
    }

    private ProductForecast Forecast(ProductDemand product, int days)
    {
        var stock = product.Stock;
        if (days == 0)
        {
            return new ProductForecast(product.ProductId, 0, 0, 0, stock, null, null, InventoryPressure.Unknown);
        }
        var series = _series.AsSpan(0, days);
        product.CopyCompletedDays(_today, series);
        var fit = _forecaster.Fit(series);
        var today = fit.Forecast();
        if (stock is not { } units)
        {
            return new ProductForecast(product.ProductId, today.Mean, today.Lower, today.Upper, null, null, null, InventoryPressure.Unknown);
        }
        var cover = fit.Level > 0 ? units / fit.Level : double.PositiveInfinity;
        var risk = fit.ProbabilityDemandReaches(units, _options.StockOutHorizonDays);
        var pressure = days < _options.MinHistoryDays ? InventoryPressure.Unknown
            : risk >= _options.StockOutRiskThreshold ? InventoryPressure.StockOutRisk
            : cover >= _options.OverstockDaysOfCover ? InventoryPressure.Overstocked
            : InventoryPressure.Normal;
        return new ProductForecast(product.ProductId, today.Mean, today.Lower, today.Upper, units, cover, risk, pressure);
    }

    private ProductDemand Touch(string productId)
    {
        if (_products.TryGetValue(productId, out var product))
        {
            _recency.Remove(product.Node);
            _recency.AddFirst(product.Node);
            return product;
        }
        if (_products.Count >= _options.MaxProducts && _recency.Last is { } oldest)
        {
            Remove(oldest.Value);
        }
        product = new ProductDemand(productId, _options.HistoryDays);
        _products.Add(productId, product);
        _recency.AddFirst(product.Node);
        return product;
    }

    private void ForgetQuietProducts(int firstDay)
    {
        var quiet = _products.Values.Where(p => p.FeedStock is null && p.QuietSince(firstDay)).ToList();
        foreach (var product in quiet) Remove(product);
    }

    private void Remove(ProductDemand product)
    {
        _recency.Remove(product.Node);
        _products.Remove(product.ProductId);
    }
}
