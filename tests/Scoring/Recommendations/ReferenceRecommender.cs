using Journeys.Contracts.Decisions;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

/// <summary>
/// The oracle for <see cref="Recommender"/>: the recommender as it was before the allocation work (commit 1df6c9c),
/// kept verbatim (closures, LINQ, a HashSet and a Dictionary per call) on top of <see cref="ReferenceRelationBlend"/>.
/// Do not optimize this copy.
/// </summary>
internal sealed class ReferenceRecommender
{
    private readonly RecommendationOptions _options;
    private readonly Func<string, bool> _modelKnows;
    private readonly HashSet<string> _blocklist;
    private readonly RelationBlendWeights _weights;

    public ReferenceRecommender(RecommendationOptions options, Func<string, bool> modelKnows)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _modelKnows = modelKnows;
        _blocklist = new HashSet<string>(options.Blocklist, StringComparer.Ordinal);
        _weights = options.BlendWeights();
    }

    public IReadOnlyList<Recommendation> Recommend(RecommendationRequest request, CatalogSnapshot catalog,
        ForecastSnapshot forecast, ProductFeed feed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(feed);
        var picked = new List<Recommendation>(_options.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var purchased = _options.ExcludePurchased ? request.PurchasedItems : [];

        bool TryAdd(string productId, double score, string reason)
        {
            if (picked.Count >= _options.Count || taken.Contains(productId)
                || string.Equals(productId, request.ProductId, StringComparison.Ordinal)
                || _blocklist.Contains(productId)
                || purchased.Contains(productId, StringComparer.Ordinal)
                || (_options.ExcludeOutOfStock && OutOfStock(productId, forecast, feed)))
            {
                return false;
            }
            var category = feed.Find(productId)?.CategoryId ?? catalog.CategoryOf(productId);
            if (category is not null)
            {
                var count = perCategory.GetValueOrDefault(category);
                if (count >= _options.MaxPerCategory)
                {
                    return false;
                }
                perCategory[category] = count + 1;
            }
            taken.Add(productId);
            picked.Add(new Recommendation(productId, score, reason));
            return true;
        }

        var cold = IsCold(request, catalog);
        if (!cold)
        {
            foreach (var candidate in ReferenceRelationBlend.Blend(request.ModelItems, request.RecentItems, catalog.Related, _weights,
                         request.ModelItems.Count + (_options.Count * 4)))
            {
                TryAdd(candidate.ProductId, candidate.Score, candidate.Reason);
                if (picked.Count >= _options.Count)
                {
                    return picked;
                }
            }
        }
        if (SessionCategory(request, catalog, feed) is { } sessionCategory)
        {
            foreach (var t in catalog.Trending(sessionCategory))
            {
                TryAdd(t.ProductId, t.Score, Recommender.CategoryTrendingReason);
            }
        }
        foreach (var t in catalog.Trending(null))
        {
            TryAdd(t.ProductId, t.Score, Recommender.TrendingReason);
        }
        if (cold)
        {
            foreach (var item in request.ModelItems)
            {
                TryAdd(item.ProductId, item.Score, RelationBlend.ModelReason);
            }
        }
        return picked;
    }

    private bool IsCold(RecommendationRequest request, CatalogSnapshot catalog) =>
        !request.RecentItems.Any(p => _modelKnows(p) || catalog.Related(p).Count > 0);

    private static string? SessionCategory(RecommendationRequest request, CatalogSnapshot catalog, ProductFeed feed)
    {
        if (request.CategoryId is { } category)
        {
            return category;
        }
        foreach (var p in request.RecentItems)
        {
            if ((feed.Find(p)?.CategoryId ?? catalog.CategoryOf(p)) is { } c)
            {
                return c;
            }
        }
        return null;
    }

    private static bool OutOfStock(string productId, ForecastSnapshot forecast, ProductFeed feed)
    {
        if (forecast.For(productId) is { } f)
        {
            return f.Pressure == InventoryPressure.StockOutRisk || f.Stock is <= 0;
        }
        return feed.Find(productId)?.Stock is <= 0;
    }
}
