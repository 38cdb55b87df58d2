namespace Journeys.Scoring.Forecast;

/// <summary>
/// One tracked product inside <see cref="ForecastModel"/>: purchases per UTC day in a ring of the last
/// <c>HistoryDays + 1</c> days (the extra slot is the current, partial day), the latest feed stock and what sold since.
/// </summary>
internal sealed class ProductDemand
{
    private readonly int[] _days;
    // The newest day whose slot is in use; slots of days (_newestDay − length, _newestDay] are valid, older ones stale.
    private int _newestDay = int.MinValue;

    public ProductDemand(string productId, int historyDays)
    {
        ProductId = productId;
        _days = new int[historyDays + 1];
        Node = new LinkedListNode<ProductDemand>(this);
    }

    public string ProductId { get; }

    /// <summary>Its place in the model's least-recently-touched order.</summary>
    public LinkedListNode<ProductDemand> Node { get; }

    public int? FeedStock { get; private set; }

    public long SoldSinceFeed { get; private set; }

    /// <summary>The forecast built at the last publish; rebuilt when <see cref="Dirty"/>.</summary>
    public ProductForecast? Forecast { get; set; }

    public bool Dirty { get; set; } = true;

    /// <summary>Stock now: the feed's figure less what sold since it arrived, never negative; null when unknown.</summary>
    public int? Stock => FeedStock is { } s ? (int)Math.Max(0, s - Math.Min(SoldSinceFeed, int.MaxValue)) : null;

    /// <summary>Counts <paramref name="quantity"/> units on <paramref name="day"/>, unless the day fell out of the window.</summary>
    public void AddPurchase(int day, int quantity)
    {
        SoldSinceFeed += quantity;
        Dirty = true;
        if (day > _newestDay)
        {
            // Days skipped since the newest one had no purchases: clear their slots (at most one whole ring).
            var clear = _newestDay == int.MinValue ? _days.Length : (int)Math.Min((long)day - _newestDay, _days.Length);
            for (var i = 1; i <= clear; i++) _days[Slot((long)day - clear + i)] = 0;
            _newestDay = day;
        }
        else if (day <= _newestDay - _days.Length)
        {
            return;
        }
        _days[Slot(day)] += quantity;
    }

    public void SetFeedStock(int? stock)
    {
        FeedStock = stock;
        SoldSinceFeed = 0;
        Dirty = true;
    }

    /// <summary>Fills <paramref name="series"/> with the counts of the days ending the day before <paramref name="today"/>.</summary>
    public void CopyCompletedDays(int today, Span<double> series)
    {
        var first = (long)today - series.Length;
        for (var i = 0; i < series.Length; i++)
        {
            var day = first + i;
            series[i] = day <= _newestDay && day > (long)_newestDay - _days.Length ? _days[Slot(day)] : 0;
        }
    }

    /// <summary>True when no purchase falls in the window ending today (the product can be forgotten unless it has stock).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(ProductId);
        writer.Write(FeedStock.HasValue);
        if (FeedStock is { } stock) writer.Write(stock);
        writer.Write(SoldSinceFeed);
        writer.Write(Dirty);
        writer.Write(_newestDay);
        foreach (var n in _days) writer.Write7BitEncodedInt(n);
    }

    /// <summary>The product <see cref="Write"/> wrote, for a model of the same history length.</summary>
    public static ProductDemand Read(BinaryReader reader, int historyDays)
    {
        var product = new ProductDemand(reader.ReadString(), historyDays);
        product.FeedStock = reader.ReadBoolean() ? reader.ReadInt32() : null;
        product.SoldSinceFeed = reader.ReadInt64();
        product.Dirty = reader.ReadBoolean();
        product._newestDay = reader.ReadInt32();
        for (var i = 0; i < product._days.Length; i++) product._days[i] = reader.Read7BitEncodedInt();
        return product;
    }

    public bool QuietSince(int firstDay) => _newestDay < firstDay;

    private int Slot(long day) => (int)(((day % _days.Length) + _days.Length) % _days.Length);
}
