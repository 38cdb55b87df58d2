using System.Collections.Immutable;
using Journeys.Contracts.Events;
using Journeys.Scoring.Views;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// Co-view and co-purchase relations, trends and categories of products, from the click stream. Single-threaded and
/// driven by event time only (<see cref="ClickEvent.Timestamp"/>), so a replay gives the same snapshots.
/// <list type="bullet">
/// <item>Co-view: a product view pairs, in both directions, with the session's last <see cref="CatalogOptions.CoViewWindow"/>
/// distinct viewed products, the nearest with weight 1, the next 1/2, and so on. Viewing again a product still in the
/// window adds no pair (its pairs were counted when it was first viewed), so flipping between two products counts once.</item>
/// <item>Co-purchase: a product carted (weight <see cref="CatalogOptions.CartWeight"/>) or purchased (1) pairs with the
/// other products of the session's basket; a pair gets the lower of the two products' levels, credited once per session
/// (a cart then a purchase of the same products raises the pair from the cart weight to 1, it does not add both).
/// A removal from the cart stops further pairing; what was credited stays (small, and it decays).</item>
/// <item>Counts decay with <see cref="CatalogOptions.RelationHalfLife"/> (<see cref="ForwardDecay"/>); each product keeps at
/// most <see cref="CatalogOptions.MaxRelationsPerItem"/> neighbours per kind (<see cref="NeighbourTable"/>, Space-Saving).</item>
/// <item>Substitutes: co-viewed at least <see cref="CatalogOptions.MinSubstituteCoViews"/> (decayed), co-purchased at most
/// <see cref="CatalogOptions.MaxSubstitutePurchaseRatio"/> as often as co-viewed, and not known to be in different
/// categories. On a stream without purchases every strong co-view is a substitute: nothing says otherwise.</item>
/// <item>Trends: see <see cref="Publish"/>.</item>
/// <item>Session neighbours (when given a <see cref="SessionNeighbourIndex"/>): every product-bearing click, whatever its
/// type, adds the product to its session's entry; each snapshot carries the index's view.</item>
/// </list>
/// Products and sessions live in tables bounded by <see cref="CatalogOptions.MaxItems"/> and
/// <see cref="CatalogOptions.MaxTrackedSessions"/>; the least recently seen entry is forgotten first.
/// </summary>
public sealed class CatalogModel : IViewModel<CatalogSnapshot>
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private readonly CatalogOptions _options;
    private readonly ForwardDecay _decay;
    private readonly LruTable<ItemState> _items;
    private readonly LruTable<SessionMemory> _sessions;
    private readonly List<ItemState> _dirty = [];
    private readonly ImmutableDictionary<string, IReadOnlyList<RelatedItem>>.Builder _published =
        ImmutableDictionary.CreateBuilder<string, IReadOnlyList<RelatedItem>>(StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, string>.Builder _categories = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
    private SessionNeighbourIndex? _neighbours;
    private readonly long _bucketTicks;
    private readonly int _shortBuckets;
    private readonly int _longBuckets;
    private DateTimeOffset? _clock;
    private long? _firstBucket;
    private long _version;

    /// <param name="options">Relations, trends and their bounds.</param>
    /// <param name="neighbours">An index of recent sessions to feed every product-bearing click to and publish with each
    /// snapshot (<see cref="CatalogSnapshot.Neighbours"/>); null keeps none. The model becomes its single writer.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each setting to fix).</exception>
    public CatalogModel(CatalogOptions options, SessionNeighbourIndex? neighbours = null)
    {
        CatalogOptionsValidator.Check(options);
        this._options = options;
        this._neighbours = neighbours;
        _decay = new ForwardDecay(options.RelationHalfLife);
        _items = new LruTable<ItemState>(options.MaxItems);
        _sessions = new LruTable<SessionMemory>(options.MaxTrackedSessions);
        _bucketTicks = options.TrendBucket.Ticks;
        _shortBuckets = (int)(options.TrendShortWindow.Ticks / _bucketTicks);
        _longBuckets = (int)(options.TrendLongWindow.Ticks / _bucketTicks);
    }

    public long EventsObserved { get; private set; }

    public int TrackedItems => _items.Count;

    public int TrackedSessions => _sessions.Count;

    /// <summary>Sessions in the neighbour index (seeded and live); 0 without one.</summary>
    public int NeighbourSessions => _neighbours?.SessionCount ?? 0;

    /// <summary>True when a click was observed since the last <see cref="Publish"/> (every click counts: each moves
    /// the clock the trends are read at).</summary>
    public bool HasChanges { get; private set; }

    public void Observe(ClickEvent click)
    {
        ArgumentNullException.ThrowIfNull(click);
        EventsObserved++;
        HasChanges = true;
        if (_clock is not { } c || click.Timestamp > c) _clock = click.Timestamp;
        var bucket = Bucket(click.Timestamp);
        if (_firstBucket is not { } first || bucket < first) _firstBucket = bucket;
        if (click.ProductId is not { } productId) return;
        _neighbours?.Add(click.SessionId, productId);
        var item = Item(productId);
        if (click.CategoryId is { } category && !string.Equals(item.Category, category, StringComparison.Ordinal))
        {
            item.Category = category;
            _categories[item.Id] = category;
            // Substitute flags of its relations depend on the category.
            MarkDirty(item);
        }
        switch (click.Type)
        {
            case ClickType.ProductView:
                item.Trend.Add(bucket);
                CoView(Session(click.SessionId), item, Weight(click.Timestamp));
                break;
            case ClickType.AddToCart:
                item.Trend.Add(bucket);
                Basket(Session(click.SessionId), item, (float)_options.CartWeight, Weight(click.Timestamp));
                break;
            case ClickType.Purchase:
                item.Trend.Add(bucket);
                Basket(Session(click.SessionId), item, 1f, Weight(click.Timestamp));
                break;
            case ClickType.RemoveFromCart:
                if (_sessions.TryGet(click.SessionId, out var session) && session.Basket is { } basket
                    && basket.TryGetValue(item.Id, out var level) && level < 1f)
                {
                    basket.Remove(item.Id);
                }
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Publishes the current state. Relations: each product's best <see cref="CatalogOptions.PublishedRelationsPerItem"/>
    /// neighbours per kind, scored by their share of the product's kept counts; only products with new evidence since
    /// the previous snapshot are rebuilt (decay scales all counts alike, so shares and orders of the others are unchanged;
    /// the substitutes' least-evidence test is as of a product's last change).
    /// Trends, at the latest event time: windows of whole buckets ending with the last complete bucket (the bucket in
    /// progress would read as a drop); momentum = (short-window events / short buckets) / (long-window events / long buckets).
    /// While the model has seen less than the long window of event time, the long window is the history it has (else, after
    /// a start, every product would seem to rise): nothing rises before RisingMomentum short windows of history.
    /// With E = long-window events before the short window: rising (momentum ≥ RisingMomentum) with E ≥ MinHistoryEvents
    /// and ≥ MinTrendingEvents in the short window is Trending; rising with E &lt; MinHistoryEvents and ≥ MinEmergingEvents is
    /// Emerging; momentum ≤ DecliningMomentum with E ≥ MinHistoryEvents is Declining; other products with at least
    /// MinHistoryEvents in the long window are Stable; the rest Unknown. Trending lists hold the trending and emerging
    /// products by short-window events × momentum (ties by id), globally and per category.
    /// </summary>
    public CatalogSnapshot Publish()
    {
        HasChanges = false;
        var now = _clock ?? DateTimeOffset.MinValue;
        foreach (var item in _dirty)
        {
            item.Dirty = false;
            if (item.Evicted) continue;
            var related = RelationsOf(item, now);
            if (related.Count == 0)
            {
                _published.Remove(item.Id);
            }
            else
            {
                _published[item.Id] = related;
            }
        }
        _dirty.Clear();
        var (trends, trending, byCategory) = _clock is null
            ? (new Dictionary<string, TrendStatus>(StringComparer.Ordinal), [], new Dictionary<string, IReadOnlyList<TrendingItem>>(StringComparer.Ordinal))
            : Trends(Bucket(now) - 1);
        return new CatalogSnapshot(++_version, now.ToUniversalTime(), _published.ToImmutable(), trends, trending, byCategory, _categories.ToImmutable(),
            _neighbours?.Snapshot());
    }

    /// <summary>
    /// Writes everything the model holds (products with their relations, trend counts and published lists, the
    /// sessions it remembers, the decay's landmark, the neighbour index), so that <see cref="Restore"/> gives a model
    /// that goes on exactly as this one would: the same clicks after it give the same snapshots. The settings the
    /// state's layout depends on are written too and checked on restore.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_bucketTicks);
        writer.Write((long)_longBuckets);
        writer.Write((long)_options.CoViewWindow);
        writer.Write(_options.RelationHalfLife?.Ticks ?? -1);
        writer.Write(EventsObserved);
        writer.Write(_version);
        writer.WriteNullable(_clock?.UtcTicks);
        writer.WriteNullable(_firstBucket);
        writer.WriteNullable(_decay.Landmark);
        writer.Write7BitEncodedInt(_items.Count);
        foreach (var (_, item) in _items.OldestFirst)
        {
            writer.Write(item.Id);
            writer.WriteNullable(item.Category);
            item.CoView.Write(writer);
            item.CoPurchase.Write(writer);
            item.Trend.Write(writer);
            writer.Write(item.Dirty);
            var related = _published.GetValueOrDefault(item.Id);
            writer.Write7BitEncodedInt(related?.Count ?? 0);
            foreach (var r in related ?? [])
            {
                writer.Write(r.ProductId);
                writer.Write(r.Score);
                writer.Write((byte)r.Kind);
                writer.Write(r.IsSubstitute);
            }
        }
        writer.Write7BitEncodedInt(_sessions.Count);
        foreach (var (id, session) in _sessions.OldestFirst)
        {
            writer.Write(id);
            session.Write(writer);
        }
        writer.Write(_neighbours is not null);
        _neighbours?.WriteState(writer);
    }

    /// <summary>The model <see cref="WriteState"/> wrote, under the running options.</summary>
    /// <param name="neighbourOptions">The running neighbour index's options; null (or MaxSessions 0) keeps no index, whatever the state holds.</param>
    /// <param name="newIndex">The index to use when the state holds none but the options ask for one (e.g. a seeded one).</param>
    /// <exception cref="InvalidDataException">The state is damaged, was written under other trend or decay settings, or
    /// holds more than the running bounds allow: the caller starts empty instead.</exception>
    public static CatalogModel Restore(CatalogOptions options, SessionNeighbourOptions? neighbourOptions, BinaryReader reader,
        Func<SessionNeighbourIndex?>? newIndex = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var model = new CatalogModel(options);
        reader.Expect(model._bucketTicks, "Catalog:TrendBucket (ticks)");
        reader.Expect(model._longBuckets, "Catalog:TrendLongWindow (buckets)");
        reader.Expect(options.CoViewWindow, "Catalog:CoViewWindow");
        reader.Expect(options.RelationHalfLife?.Ticks ?? -1, "Catalog:RelationHalfLife (ticks)");
        model.EventsObserved = reader.ReadInt64();
        model._version = reader.ReadInt64();
        model._clock = reader.ReadNullableInt64() is { } clock ? new DateTimeOffset(clock, TimeSpan.Zero) : null;
        model._firstBucket = reader.ReadNullableInt64();
        model._decay.Landmark = reader.ReadNullableInt64();
        var itemCount = reader.ReadCount(options.MaxItems, "products");
        for (var i = 0; i < itemCount; i++)
        {
            var item = new ItemState(reader.ReadString(), model._longBuckets) { Category = reader.ReadNullableString() };
            item.CoView.ReadFrom(reader, options.MaxRelationsPerItem);
            item.CoPurchase.ReadFrom(reader, options.MaxRelationsPerItem);
            item.Trend.ReadFrom(reader);
            if (reader.ReadBoolean()) model.MarkDirty(item);
            model._items.Add(item.Id, item);
            if (item.Category is { } category) model._categories[item.Id] = category;
            var relatedCount = reader.ReadCount(2 * options.PublishedRelationsPerItem, "published relations of a product");
            if (relatedCount == 0) continue;
            var related = new RelatedItem[relatedCount];
            for (var r = 0; r < relatedCount; r++)
            {
                related[r] = new RelatedItem(reader.ReadString(), reader.ReadSingle(), (RelationKind)reader.ReadByte(), reader.ReadBoolean());
            }
            model._published[item.Id] = Array.AsReadOnly(related);
        }
        var sessionCount = reader.ReadCount(options.MaxTrackedSessions, "sessions");
        for (var s = 0; s < sessionCount; s++)
        {
            var id = reader.ReadString();
            var session = new SessionMemory(options.CoViewWindow);
            session.ReadFrom(reader, options.MaxBasketItems);
            model._sessions.Add(id, session);
        }
        if (neighbourOptions is { MaxSessions: > 0 })
        {
            model._neighbours = reader.ReadBoolean() ? SessionNeighbourIndex.Restore(neighbourOptions, reader) : newIndex?.Invoke();
        }
        return model;
    }

    private IReadOnlyList<RelatedItem> RelationsOf(ItemState item, DateTimeOffset now)
    {
        var n = _options.PublishedRelationsPerItem;
        var list = new List<RelatedItem>();
        var purchaseTotal = item.CoPurchase.Total();
        // Entries whose weight decayed to nothing (float underflow) are not relations any more.
        foreach (var (id, weight) in item.CoPurchase.Top(n).Where(t => t.Weight > 0))
        {
            list.Add(new RelatedItem(id, (float)(weight / purchaseTotal), RelationKind.CoPurchase, false));
        }
        var viewTotal = item.CoView.Total();
        foreach (var (id, weight) in item.CoView.Top(n).Where(t => t.Weight > 0))
        {
            var substitute = _decay.Decayed(weight, now) >= _options.MinSubstituteCoViews
                && item.CoPurchase.WeightOf(id) <= _options.MaxSubstitutePurchaseRatio * weight
                && !(item.Category is { } mine && _items.Peek(id)?.Category is { } theirs && !string.Equals(mine, theirs, StringComparison.Ordinal));
            list.Add(new RelatedItem(id, (float)(weight / viewTotal), RelationKind.CoView, substitute));
        }
        list.Sort(static (a, b) =>
            b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : a.Kind != b.Kind ? (a.Kind == RelationKind.CoPurchase ? -1 : 1)
            : string.CompareOrdinal(a.ProductId, b.ProductId));
        return list.AsReadOnly();
    }

    private (Dictionary<string, TrendStatus>, IReadOnlyList<TrendingItem>, Dictionary<string, IReadOnlyList<TrendingItem>>) Trends(long lastBucket)
    {
        var statuses = new Dictionary<string, TrendStatus>(StringComparer.Ordinal);
        var rising = new List<(TrendingItem Entry, string? Category)>();
        var longSpan = (int)Math.Min(_longBuckets, lastBucket - _firstBucket!.Value + 1);
        var shortSpan = Math.Min(_shortBuckets, longSpan);
        foreach (var item in longSpan > 0 ? _items.Values : [])
        {
            var (s, l) = item.Trend.Counts(lastBucket, shortSpan, longSpan);
            if (l == 0) continue;
            var momentum = (double)s / shortSpan / ((double)l / longSpan);
            var earlier = l - s;
            var status =
                momentum >= _options.RisingMomentum && earlier >= _options.MinHistoryEvents && s >= _options.MinTrendingEvents ? TrendStatus.Trending
                : momentum >= _options.RisingMomentum && earlier < _options.MinHistoryEvents && s >= _options.MinEmergingEvents ? TrendStatus.Emerging
                : momentum <= _options.DecliningMomentum && earlier >= _options.MinHistoryEvents ? TrendStatus.Declining
                : l >= _options.MinHistoryEvents ? TrendStatus.Stable
                : TrendStatus.Unknown;
            if (status == TrendStatus.Unknown) continue;
            statuses[item.Id] = status;
            if (status is TrendStatus.Trending or TrendStatus.Emerging)
            {
                rising.Add((new TrendingItem(item.Id, (float)(s * momentum), (float)momentum, status, s), item.Category));
            }
        }
        rising.Sort(static (a, b) => b.Entry.Score != a.Entry.Score ? b.Entry.Score.CompareTo(a.Entry.Score) : string.CompareOrdinal(a.Entry.ProductId, b.Entry.ProductId));
        var size = _options.TrendingListSize;
        var global = rising.Take(size).Select(r => r.Entry).ToArray();
        var byCategory = rising.Where(r => r.Category is not null)
            .GroupBy(r => r.Category!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TrendingItem>)g.Take(size).Select(r => r.Entry).ToArray(), StringComparer.Ordinal);
        return (statuses, global, byCategory);
    }

    private void CoView(SessionMemory session, ItemState item, float weight)
    {
        if (session.IndexOfRecent(item.Id) < 0)
        {
            for (var d = 0; d < session.RecentCount; d++) Pair(item, session.Recent[d], weight / (d + 1), coPurchase: false);
        }
        session.MoveToFront(item.Id);
    }

    private void Basket(SessionMemory session, ItemState item, float level, float weight)
    {
        var basket = session.Basket ??= new Dictionary<string, float>(StringComparer.Ordinal);
        var old = basket.GetValueOrDefault(item.Id);
        if (level <= old) return;
        if (old == 0 && basket.Count >= _options.MaxBasketItems) return;
        foreach (var (other, otherLevel) in basket)
        {
            if (string.Equals(other, item.Id, StringComparison.Ordinal)) continue;
            var increase = Math.Min(level, otherLevel) - Math.Min(old, otherLevel);
            if (increase > 0) Pair(item, other, weight * increase, coPurchase: true);
        }
        basket[item.Id] = level;
    }

    private void Pair(ItemState item, string otherId, float weight, bool coPurchase)
    {
        // A very late event's decayed weight can underflow to 0: it would add a neighbour without evidence.
        if (!(weight > 0)) return;
        // The other product was seen in this session recently; if the table forgot it meanwhile it comes back.
        var other = Item(otherId);
        if (item.Evicted) return;
        var capacity = _options.MaxRelationsPerItem;
        (coPurchase ? item.CoPurchase : item.CoView).Add(other.Id, weight, capacity);
        (coPurchase ? other.CoPurchase : other.CoView).Add(item.Id, weight, capacity);
        MarkDirty(item);
        MarkDirty(other);
    }

    private float Weight(DateTimeOffset time)
    {
        var weight = _decay.Weight(time, out var rescale);
        if (rescale != 1f)
        {
            foreach (var item in _items.Values)
            {
                item.CoView.Scale(rescale);
                item.CoPurchase.Scale(rescale);
            }
        }
        return weight;
    }

    private ItemState Item(string productId)
    {
        if (_items.TryGet(productId, out var item)) return item;
        item = new ItemState(productId, _longBuckets);
        if (_items.Add(productId, item) is { } evicted)
        {
            evicted.Value.Evicted = true;
            _published.Remove(evicted.Key);
            _categories.Remove(evicted.Key);
        }
        return item;
    }

    private SessionMemory Session(string sessionId)
    {
        if (_sessions.TryGet(sessionId, out var session)) return session;
        session = new SessionMemory(_options.CoViewWindow);
        _sessions.Add(sessionId, session);
        return session;
    }

    private void MarkDirty(ItemState item)
    {
        if (item.Dirty) return;
        item.Dirty = true;
        _dirty.Add(item);
    }

    private long Bucket(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - UnixEpochTicks;
        return ticks >= 0 ? ticks / _bucketTicks : ((ticks + 1) / _bucketTicks) - 1;
    }

    private sealed class ItemState(string id, int longBuckets)
    {
        public string Id { get; } = id;
        public string? Category { get; set; }
        public NeighbourTable CoView { get; } = new();
        public NeighbourTable CoPurchase { get; } = new();
        public TrendCounter Trend { get; } = new(longBuckets);
        public bool Dirty { get; set; }
        public bool Evicted { get; set; }
    }
}
