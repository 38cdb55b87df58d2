using Journeys.Contracts.Decisions;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Products;

namespace Journeys.Scoring.Recommendations;

/// <summary>
/// Turns the model's candidates into recommendations a shop can show: blended with catalog relations of the session's
/// items (<see cref="RelationBlend"/>), then filtered by the business rules — never the product on screen, never one the
/// session bought, never a blocklisted one, never one out of stock or about to run out (inventory view), at most
/// <see cref="RecommendationOptions.MaxPerCategory"/> per category — and topped up, when the session is cold or the
/// rules left too few, from trending items in the session's category, then from global trending — and a cold session
/// that still has room (nothing trends yet) from the model's candidates for its state.
/// Every recommendation says why it is there: model, co_view, co_purchase, category_trending or trending.
/// </summary>
public sealed class Recommender
{
    public const string CategoryTrendingReason = "category_trending";
    public const string TrendingReason = "trending";

    private readonly RecommendationOptions _options;
    private readonly Func<string, bool> _modelKnows;
    private readonly HashSet<string> _blocklist;
    private readonly RelationBlendWeights _weights;

    /// <param name="modelKnows">Whether the session model has a product in its vocabulary: a session of only unknown
    /// products is cold, and the model's candidates for it say nothing about it.</param>
    public Recommender(RecommendationOptions options, Func<string, bool> modelKnows)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _modelKnows = modelKnows;
        _blocklist = new HashSet<string>(options.Blocklist, StringComparer.Ordinal);
        _weights = options.BlendWeights;
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
            // Candidates beyond Count leave the rules room to drop some and still fill the list.
            foreach (var candidate in RelationBlend.Blend(request.ModelItems, request.RecentItems, catalog.Related, _weights,
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
                TryAdd(t.ProductId, t.Score, CategoryTrendingReason);
            }
        }
        foreach (var t in catalog.Trending(null))
        {
            TryAdd(t.ProductId, t.Score, TrendingReason);
        }
        if (cold)
        {
            // Last resort, when nothing trends yet (a fresh engine; trends need their long window): the model's
            // candidates for this state, which for a cold session are what it learned shoppers look at first.
            foreach (var item in request.ModelItems)
            {
                TryAdd(item.ProductId, item.Score, RelationBlend.ModelReason);
            }
        }
        return picked;
    }

    /// <summary>
    /// Cold: the session has no product the model knows or the catalog relates to anything — a first search, or only
    /// products new to both. Its model candidates reflect the model's prior, not the shopper, so trending lists serve it.
    /// </summary>
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

    /// <summary>Out of stock by the inventory view (stock left ≤ 0, or likely to run out within the horizon), or by a
    /// feed row saying 0 that the forecast has not picked up yet.</summary>
    private static bool OutOfStock(string productId, ForecastSnapshot forecast, ProductFeed feed)
    {
        if (forecast.For(productId) is { } f)
        {
            return f.Pressure == InventoryPressure.StockOutRisk || f.Stock is <= 0;
        }
        return feed.Find(productId)?.Stock is <= 0;
    }
}
