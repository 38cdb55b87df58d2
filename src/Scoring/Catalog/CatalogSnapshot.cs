using System.Collections.Immutable;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// What the catalog stage published at one moment: relations, trends, trending lists, product categories and the
/// session-neighbour view (<see cref="Neighbours"/>). Immutable, so any number of threads may read it while the stage builds the next one.
/// </summary>
public sealed class CatalogSnapshot
{
    private static readonly IReadOnlyList<RelatedItem> NoRelations = Array.Empty<RelatedItem>();
    private static readonly IReadOnlyList<TrendingItem> NoTrending = Array.Empty<TrendingItem>();

    internal CatalogSnapshot(
        long version,
        DateTimeOffset asOf,
        ImmutableDictionary<string, IReadOnlyList<RelatedItem>> relations,
        IReadOnlyDictionary<string, TrendStatus> trends,
        IReadOnlyList<TrendingItem> trending,
        IReadOnlyDictionary<string, IReadOnlyList<TrendingItem>> trendingByCategory,
        ImmutableDictionary<string, string> categories,
        SessionNeighbourSnapshot? neighbours = null)
    {
        Version = version;
        AsOf = asOf;
        Relations = relations;
        Trends = trends;
        GlobalTrending = trending;
        TrendingByCategory = trendingByCategory;
        Categories = categories;
        RelatedLookup = Related;
        Neighbours = neighbours ?? SessionNeighbourSnapshot.Empty;
    }

    /// <summary>No relations, trends or categories (before the stage has published).</summary>
    public static CatalogSnapshot Empty { get; } = new(0, DateTimeOffset.MinValue,
        ImmutableDictionary<string, IReadOnlyList<RelatedItem>>.Empty.WithComparers(StringComparer.Ordinal),
        new Dictionary<string, TrendStatus>(StringComparer.Ordinal), NoTrending,
        new Dictionary<string, IReadOnlyList<TrendingItem>>(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>Increases with every snapshot of one model (0 = <see cref="Empty"/>).</summary>
    public long Version { get; }

    /// <summary>The latest event time the snapshot has seen (event time, UTC), not the wall clock.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>
    /// The recent sessions the stage indexed (seeded from the model's training sessions, then every live session's
    /// products), for session-neighbour recommendations; empty with the index off. Not part of the Garnet copy.
    /// </summary>
    public SessionNeighbourSnapshot Neighbours { get; }

    /// <summary>Products with at least one published relation.</summary>
    public int ProductsWithRelations => Relations.Count;

    internal ImmutableDictionary<string, IReadOnlyList<RelatedItem>> Relations { get; }
    internal IReadOnlyDictionary<string, TrendStatus> Trends { get; }
    internal IReadOnlyList<TrendingItem> GlobalTrending { get; }
    internal IReadOnlyDictionary<string, IReadOnlyList<TrendingItem>> TrendingByCategory { get; }
    internal ImmutableDictionary<string, string> Categories { get; }

    /// <summary><see cref="Related(string)"/> as a delegate made once per snapshot: passing the method group per decision
    /// would allocate a delegate each time.</summary>
    internal Func<string, IReadOnlyList<RelatedItem>> RelatedLookup { get; }

    /// <summary>Both kinds of relations of <paramref name="productId"/>, best (highest share) first; empty when unknown.</summary>
    public IReadOnlyList<RelatedItem> Related(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return Relations.TryGetValue(productId, out var list) ? list : NoRelations;
    }

    /// <summary>The relations of one kind, best first: an array of exactly those (empty when none), counted then filled
    /// without LINQ's iterator and growing buffer.</summary>
    public IReadOnlyList<RelatedItem> Related(string productId, RelationKind kind)
    {
        var all = Related(productId);
        var n = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == kind) n++;
        }
        if (n == 0) return Array.Empty<RelatedItem>();
        var result = new RelatedItem[n];
        n = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Kind == kind) result[n++] = all[i];
        }
        return result;
    }

    public TrendStatus Trend(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return Trends.TryGetValue(productId, out var status) ? status : TrendStatus.Unknown;
    }

    /// <summary>
    /// Trending and emerging products, best first: of <paramref name="categoryId"/>, or of the whole catalog when it is null.
    /// </summary>
    public IReadOnlyList<TrendingItem> Trending(string? categoryId = null)
    {
        if (categoryId is null) return GlobalTrending;
        return TrendingByCategory.TryGetValue(categoryId, out var list) ? list : NoTrending;
    }

    /// <summary>The category the events last gave for <paramref name="productId"/>, null when none did.</summary>
    public string? CategoryOf(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return Categories.TryGetValue(productId, out var category) ? category : null;
    }
}
