using Journeys.Contracts.Decisions;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.Scoring.Products;

namespace Journeys.Scoring.Recommendations;

/// <summary>
/// Turns the model's candidates into recommendations a shop can show: blended with catalog relations of the session's
/// items and with what sessions like it clicked (<see cref="RelationBlend"/>, the catalog snapshot's
/// <see cref="CatalogSnapshot.Neighbours"/>), then filtered by the business rules — never the product on screen, never one the
/// session bought, never a blocklisted one, never one out of stock or about to run out (inventory view), at most
/// <see cref="RecommendationOptions.MaxPerCategory"/> per category — and topped up, when the session is cold or the
/// rules left too few, from trending items in the session's category, then from global trending — and a cold session
/// that still has room (nothing trends yet) from the model's candidates for its state.
/// Every recommendation says why it is there: model, co_view, co_purchase, session_neighbours, recently_viewed, category_trending or trending.
/// </summary>
public sealed class Recommender
{
    public const string CategoryTrendingReason = "category_trending";
    public const string TrendingReason = "trending";

    private readonly RecommendationOptions _options;
    private readonly Func<string, bool> _modelKnows;
    private readonly HashSet<string> _blocklist;
    private readonly RelationBlendWeights _weights;
    // The weights are immutable: checked once here, refused (as RelationBlend.Blend refuses them) whenever a blend is due.
    private readonly string? _weightsProblem;

    /// <param name="modelKnows">Whether the session model has a product in its vocabulary: a session of only unknown
    /// products is cold, and the model's candidates for it say nothing about it.</param>
    /// <param name="modelWeights">The blend weights the model file carries (null: none), for the weights the options leave unset.</param>
    public Recommender(RecommendationOptions options, Func<string, bool> modelKnows, RelationBlendWeights? modelWeights = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _modelKnows = modelKnows;
        _blocklist = new HashSet<string>(options.Blocklist, StringComparer.Ordinal);
        _weights = options.BlendWeights(modelWeights);
        _weightsProblem = _weights.Problem();
    }

    public IReadOnlyList<Recommendation> Recommend(RecommendationRequest request, CatalogSnapshot catalog,
        ForecastSnapshot forecast, ProductFeed feed)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Recommend(request.ProductId, request.CategoryId, request.ModelItems, request.RecentItems, request.PurchasedItems,
            catalog, forecast, feed, request.SessionId);
    }

    /// <summary>
    /// <see cref="Recommend(RecommendationRequest, CatalogSnapshot, ForecastSnapshot, ProductFeed)"/> without the request
    /// record (the advisor calls it per decision). Allocates only what it returns: the recommendations and their array;
    /// the blend's candidates live in the thread's <see cref="BlendCandidates"/>, and the rules' bookkeeping is the
    /// picked list itself (at most Count entries, so linear scans beat hashing).
    /// </summary>
    internal IReadOnlyList<Recommendation> Recommend(string? productId, string? categoryId, IReadOnlyList<ScoredItem> modelItems,
        IReadOnlyList<string> recentItems, IReadOnlyList<string> purchasedItems, CatalogSnapshot catalog, ForecastSnapshot forecast,
        ProductFeed feed, string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(feed);
        var picks = new Picks(this, productId, _options.ExcludePurchased ? purchasedItems : [], catalog, forecast, feed);

        var cold = IsCold(recentItems, catalog);
        if (!cold)
        {
#pragma warning disable CA2208 // Refused exactly as RelationBlend.Blend refuses the same weights (its parameter "weights").
            if (_weightsProblem is { } problem) throw new ArgumentException($"Invalid blend weights: {problem}.", "weights");
#pragma warning restore CA2208
            var candidates = BlendCandidates.Rent();
            try
            {
                candidates.Fill(modelItems, recentItems, catalog.RelatedLookup, _weights, catalog.Neighbours, sessionId);
                // Candidates beyond Count leave the rules room to drop some and still fill the list.
                var limit = Math.Min(modelItems.Count + (_options.Count * 4), candidates.Remaining);
                for (var i = 0; i < limit; i++)
                {
                    var candidate = candidates.Next();
                    // The blend's candidates are distinct and come first: none can be taken yet.
                    picks.TryAdd(candidate.ProductId, candidate.Score, candidate.Reason, distinct: true);
                    if (picks.Full)
                    {
                        return picks.Result();
                    }
                }
            }
            finally
            {
                candidates.Return();
            }
        }
        if (SessionCategory(categoryId, recentItems, catalog, feed) is { } sessionCategory)
        {
            picks.AddAll(catalog.Trending(sessionCategory), CategoryTrendingReason);
        }
        picks.AddAll(catalog.Trending(null), TrendingReason);
        if (cold)
        {
            // Last resort, when nothing trends yet (a fresh engine; trends need their long window): the model's
            // candidates for this state, which for a cold session are what it learned shoppers look at first.
            for (var i = 0; i < modelItems.Count && !picks.Full; i++)
            {
                var item = modelItems[i];
                picks.TryAdd(item.ProductId, item.Score, RelationBlend.ModelReason);
            }
        }
        return picks.Result();
    }

    /// <summary>
    /// Cold: the session has no product the model knows or the catalog relates to anything — a first search, or only
    /// products new to both. Its model candidates reflect the model's prior, not the shopper, so trending lists serve it.
    /// </summary>
    private bool IsCold(IReadOnlyList<string> recentItems, CatalogSnapshot catalog)
    {
        for (var i = 0; i < recentItems.Count; i++)
        {
            var p = recentItems[i];
            if (_modelKnows(p) || catalog.Related(p).Count > 0) return false;
        }
        return true;
    }

    private static string? SessionCategory(string? categoryId, IReadOnlyList<string> recentItems, CatalogSnapshot catalog, ProductFeed feed)
    {
        if (categoryId is { } category)
        {
            return category;
        }
        for (var i = 0; i < recentItems.Count; i++)
        {
            var p = recentItems[i];
            if ((feed.Find(p)?.CategoryId ?? catalog.CategoryOf(p)) is { } c)
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>
    /// The recommendations picked so far and the rules they must pass. A ref struct on the caller's stack: the arrays are
    /// the result itself and each pick's category (for the per-category cap), both at most Count long.
    /// </summary>
    private ref struct Picks
    {
        private readonly Recommender _owner;
        private readonly string? _onScreen;
        private readonly IReadOnlyList<string> _purchased;
        private readonly CatalogSnapshot _catalog;
        private readonly ForecastSnapshot _forecast;
        private readonly ProductFeed _feed;
        private readonly Recommendation[] _picked;
        private readonly string?[] _categories;
        private int _count;

        public Picks(Recommender owner, string? onScreen, IReadOnlyList<string> purchased, CatalogSnapshot catalog,
            ForecastSnapshot forecast, ProductFeed feed)
        {
            _owner = owner;
            _onScreen = onScreen;
            _purchased = purchased;
            _catalog = catalog;
            _forecast = forecast;
            _feed = feed;
            _picked = new Recommendation[owner._options.Count];
            _categories = RentCategories(owner._options.Count);
            _count = 0;
        }

        public readonly bool Full => _count >= _picked.Length;

        /// <summary>The rules, in the order they always ran: each candidate's feed row, forecast and category are looked up once.</summary>
        /// <param name="distinct">The caller knows the product is not among the picks (skips comparing it with each).</param>
        public bool TryAdd(string productId, double score, string reason, bool distinct = false)
        {
            var options = _owner._options;
            if (Full || (!distinct && Taken(productId))
                || string.Equals(productId, _onScreen, StringComparison.Ordinal)
                || (_owner._blocklist.Count > 0 && _owner._blocklist.Contains(productId))
                || Purchased(productId))
            {
                return false;
            }
            var item = _feed.Find(productId);
            if (options.ExcludeOutOfStock && OutOfStock(productId, item))
            {
                return false;
            }
            var category = item?.CategoryId ?? _catalog.CategoryOf(productId);
            if (category is not null && CountOf(category) >= options.MaxPerCategory)
            {
                return false;
            }
            _categories[_count] = category;
            _picked[_count++] = new Recommendation(productId, score, reason);
            return true;
        }

        public void AddAll(IReadOnlyList<TrendingItem> trending, string reason)
        {
            for (var i = 0; i < trending.Count && !Full; i++)
            {
                var t = trending[i];
                TryAdd(t.ProductId, t.Score, reason);
            }
        }

        /// <summary>The picks, in an array of their exact length; the category scratch goes back to the thread.</summary>
        public readonly Recommendation[] Result()
        {
            Array.Clear(_categories, 0, _count);
            t_categories = _categories;
            if (_count == _picked.Length) return _picked;
            return _count == 0 ? [] : _picked.AsSpan(0, _count).ToArray();
        }

        private readonly bool Taken(string productId)
        {
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_picked[i].ProductId, productId, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private readonly bool Purchased(string productId)
        {
            for (var i = 0; i < _purchased.Count; i++)
            {
                if (string.Equals(_purchased[i], productId, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private readonly int CountOf(string category)
        {
            var n = 0;
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_categories[i], category, StringComparison.Ordinal)) n++;
            }
            return n;
        }

        /// <summary>Out of stock by the inventory view (stock left ≤ 0, or likely to run out within the horizon), or by a
        /// feed row saying 0 that the forecast has not picked up yet.</summary>
        private readonly bool OutOfStock(string productId, ProductFeedItem? item)
        {
            if (_forecast.For(productId) is { } f)
            {
                return f.Pressure == InventoryPressure.StockOutRisk || f.Stock is <= 0;
            }
            return item?.Stock is <= 0;
        }
    }

    [ThreadStatic]
    private static string?[]? t_categories;

    // Per thread, as the advisor runs on many threads at once. Taken for the call and given back by Picks.Result (a call
    // that throws just drops it), so a recommendation made inside another on the same thread gets its own.
    private static string?[] RentCategories(int count)
    {
        var scratch = t_categories;
        t_categories = null;
        return scratch is not null && scratch.Length >= count ? scratch : new string?[Math.Max(count, 16)];
    }
}
