using System.Collections.Immutable;
using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Advice;

/// <summary>
/// A seeded random world for equivalence tests of the advice: a small product pool (so candidates, relations, trending
/// lists, feed rows and forecasts overlap often), catalog relations with repeated and exactly tied scores, trending lists
/// with repeats, feed rows and forecasts with every stock and pressure case, and generators of sessions, rules, weights,
/// demand models and pricing inputs around it. Ids handed out are fresh string instances half of the time, so code that
/// compared references instead of contents would fail.
/// </summary>
internal sealed class RandomAdviceWorld
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly float[] TiedScores = [0.5f, 0.25f, 0.125f, 0.25f, 0.5f, 0f];

    private readonly Random _rng;
    private readonly string[] _ids;
    private readonly string[] _categories;

    public RandomAdviceWorld(int seed)
    {
        _rng = new Random(seed);
        var size = _rng.Next(4, 40);
        _ids = [.. Enumerable.Range(0, size).Select(i => _rng.Next(3) switch
        {
            0 => $"p{i}",
            1 => $"{1_000_000 + _rng.Next(9_000_000) + i}",
            _ => $"sku-{i:D4}-{_rng.Next(100)}",
        }).Distinct(StringComparer.Ordinal)];
        _categories = [.. Enumerable.Range(0, _rng.Next(1, 7)).Select(i => $"c{i}")];
        Catalog = BuildCatalog();
        Forecast = BuildForecast();
        Feed = BuildFeed();
        ModelVocabulary = new HashSet<string>(_ids.Where(_ => _rng.Next(3) > 0), StringComparer.Ordinal);
    }

    public Random Random => _rng;

    public CatalogSnapshot Catalog { get; }

    public ForecastSnapshot Forecast { get; }

    public ProductFeed Feed { get; }

    /// <summary>The products the session model knows (the recommender's cold-session test).</summary>
    public HashSet<string> ModelVocabulary { get; }

    public bool ModelKnows(string productId) => ModelVocabulary.Contains(productId);

    /// <summary>A product of the pool (a fresh copy half of the time), or now and then one nobody knows.</summary>
    public string Id() => _rng.Next(20) == 0 ? $"unknown-{_rng.Next(5)}" : Fresh(_ids[_rng.Next(_ids.Length)]);

    public string? Category() => _rng.Next(5) == 0 ? null : Fresh(_categories[_rng.Next(_categories.Length)]);

    public RelationBlendWeights Weights() => new(Weight(), Weight(), _rng.Next(4) switch
    {
        0 => 1,
        1 => 0.5,
        _ => 0.01 + (0.99 * _rng.NextDouble()),
    }, _rng.Next(1, 7))
    {
        RecentlyViewed = _rng.Next(3) == 0 ? 0 : Weight(),
        RecentlyViewedDecay = _rng.Next(3) == 0 ? 1 : 0.01 + (0.99 * _rng.NextDouble()),
    };

    public RecommendationOptions RecommendationOptions()
    {
        var weights = Weights();
        var options = new RecommendationOptions
        {
            Count = _rng.Next(1, 16),
            MaxPerCategory = _rng.Next(1, 5),
            ExcludePurchased = _rng.Next(4) > 0,
            ExcludeOutOfStock = _rng.Next(4) > 0,
            CoViewWeight = weights.CoView,
            CoPurchaseWeight = weights.CoPurchase,
            RecencyDecay = weights.RecencyDecay,
            RelatedRecentItems = weights.MaxRecentItems,
            RecentlyViewedWeight = weights.RecentlyViewed,
            RecentlyViewedDecay = weights.RecentlyViewedDecay,
        };
        for (var i = _rng.Next(4); i > 0; i--) options.Blocklist.Add(Id());
        return options;
    }

    /// <summary>The model's candidates: usually best first with falling, tied or random scores; now and then unsorted,
    /// repeated, zero, negative or NaN, which the code must handle as the reference does.</summary>
    public IReadOnlyList<ScoredItem> ModelItems()
    {
        var n = _rng.Next(4) == 0 ? 0 : _rng.Next(1, 30);
        var mode = _rng.Next(4);
        var items = new ScoredItem[n];
        for (var i = 0; i < n; i++)
        {
            var score = mode switch
            {
                0 => 0.5f / (i + 1),
                1 => TiedScores[_rng.Next(TiedScores.Length)],
                2 => (float)_rng.NextDouble(),
                _ => _rng.Next(30) switch
                {
                    0 => float.NaN,
                    1 => -0.25f,
                    _ => (float)(_rng.NextDouble() * 0.1),
                },
            };
            items[i] = new ScoredItem(Id(), score);
        }
        if (mode is 1 or 2 && _rng.Next(3) > 0) Array.Sort(items, static (a, b) => b.Score.CompareTo(a.Score));
        return items;
    }

    /// <summary>Most recent first, with repeats.</summary>
    public IReadOnlyList<string> RecentItems() => [.. Enumerable.Range(0, _rng.Next(0, 9)).Select(_ => Id())];

    public IReadOnlyList<string> PurchasedItems() => _rng.Next(2) == 0 ? [] : [.. Enumerable.Range(0, _rng.Next(1, 5)).Select(_ => Id())];

    public RecommendationRequest RecommendationRequest()
    {
        var recent = RecentItems();
        var product = _rng.Next(5) == 0 ? null : recent.Count > 0 && _rng.Next(4) > 0 ? Fresh(recent[0]) : Id();
        return new RecommendationRequest(product, Category(), ModelItems(), recent, PurchasedItems());
    }

    public PricingOptions PricingOptions()
    {
        var maxDiscount = _rng.Next(5) == 0 ? 0 : _rng.NextDouble() * 0.6;
        return new PricingOptions
        {
            MinMargin = _rng.Next(3) switch { 0 => 0, 1 => 0.05, _ => _rng.NextDouble() * 1.5 },
            MaxDiscount = maxDiscount,
            OverstockExtraDiscount = (1 - maxDiscount) * _rng.NextDouble() * 0.99,
            StabilityWindow = TimeSpan.FromMinutes(_rng.Next(4) switch { 0 => 0, 1 => 30, _ => _rng.NextDouble() * 120 }),
            DefaultMargin = 0.01 + (_rng.NextDouble() * 0.98),
            GridSteps = _rng.Next(3) == 0 ? 20 : _rng.Next(1, 65),
            PriceDecimals = _rng.Next(0, 5),
        };
    }

    /// <summary>No model, a seeded untrained one, or one with random coefficients and category reference prices.</summary>
    public DemandModel? Demand()
    {
        switch (_rng.Next(5))
        {
            case 0:
                return null;
            case 1:
                return DemandModel.Seeded(_rng.Next(1000));
            default:
                var coefficients = Enumerable.Range(0, DemandModel.FeatureNames.Count).Select(_ => (_rng.NextDouble() * 10) - 5).ToArray();
                var references = _categories.Where(_ => _rng.Next(2) == 0).ToDictionary(c => c, _ => Math.Exp((_rng.NextDouble() * 8) - 2), StringComparer.Ordinal);
                return DemandModel.FromRecord(new DemandModelRecord(
                    DemandModel.FormatVersion, $"demand-random-{_rng.Next()}", Now, "random", null, null, DemandModel.FeatureNames,
                    coefficients, (_rng.NextDouble() * 6) - 3, references, 0, 0, new DemandElasticity(0, 0, 0, 0, 0),
                    new PriceVariation("random", 0, 0, 0, 0), "random", "random", null));
        }
    }

    public double ListPrice() => _rng.Next(3) switch
    {
        0 => Math.Round(Math.Exp((_rng.NextDouble() * 10) - 3), 2),
        1 => _rng.Next(1, 500),
        _ => Math.Exp((_rng.NextDouble() * 14) - 5),
    };

    public double? Cost(double list) => _rng.Next(5) switch
    {
        0 => null,
        1 => 0,
        _ => list * _rng.NextDouble() * 1.3,
    };

    public double Probability() => _rng.Next(6) switch
    {
        0 => 0,
        1 => 1,
        _ => _rng.NextDouble(),
    };

    public InventoryPressure Pressure() => (InventoryPressure)_rng.Next(4);

    public PricingInput PricingInput() =>
        PricingInputFor(Id(), ListPrice());

    public PricingInput PricingInputFor(string productId, double list) =>
        new(productId, list, Cost(list), Category(), Probability(), Probability(), Pressure());

    /// <summary>None, or the session's earlier offer for the product: in or out of the range, shown in or out of the
    /// stability window (or, with a skewed clock, in the future); now and then for another product.</summary>
    public PriorOffer? Prior(string productId, double list)
    {
        if (_rng.Next(3) == 0) return null;
        var price = _rng.Next(3) == 0 ? Math.Round(list * (0.5 + (_rng.NextDouble() * 0.6)), 2) : list * (0.5 + (_rng.NextDouble() * 0.6));
        var product = _rng.Next(40) == 0 ? $"{productId}-other" : Fresh(productId);
        return new PriorOffer(product, price, Now.AddMinutes((_rng.NextDouble() * 130) - 10));
    }

    public AdviceRequest AdviceRequest()
    {
        var recent = RecentItems();
        var product = _rng.Next(6) == 0 ? null : recent.Count > 0 && _rng.Next(4) > 0 ? Fresh(recent[0]) : Id();
        double? price = _rng.Next(4) switch { 0 => null, 1 => 0, 2 => -1, _ => ListPrice() };
        var e = new ClickEvent($"e{_rng.Next()}", "s1", null, Now, (ClickType)_rng.Next(4), product, Category(), price);
        var step = new StepResult([], [], [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], (float)((_rng.NextDouble() * 1.4) - 0.2),
            (float)((_rng.NextDouble() * 1.4) - 0.2), ModelItems());
        var prior = product is null ? null : Prior(product, Feed.Find(product)?.ListPrice ?? price ?? 1);
        return new AdviceRequest(e, step, recent, PurchasedItems(), prior);
    }

    private string Fresh(string s) => _rng.Next(2) == 0 ? s : new string(s.AsSpan());

    private double Weight() => _rng.Next(5) switch
    {
        0 => 0,
        1 => 0.5,
        2 => 1,
        3 => 2,
        _ => _rng.NextDouble() * 3,
    };

    private CatalogSnapshot BuildCatalog()
    {
        var relations = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<RelatedItem>>(StringComparer.Ordinal);
        foreach (var id in _ids)
        {
            if (_rng.Next(10) < 3) continue;
            var list = new List<RelatedItem>();
            for (var i = _rng.Next(1, 14); i > 0; i--)
            {
                var score = _rng.Next(3) switch
                {
                    0 => TiedScores[_rng.Next(TiedScores.Length)],
                    1 => _rng.Next(25) == 0 ? -0.25f : (float)_rng.NextDouble(),
                    _ => (float)(_rng.NextDouble() / 8),
                };
                list.Add(new RelatedItem(Id(), score, _rng.Next(2) == 0 ? RelationKind.CoView : RelationKind.CoPurchase, _rng.Next(2) == 0));
            }
            relations[Fresh(id)] = _rng.Next(2) == 0 ? list.AsReadOnly() : list.ToArray();
        }
        var global = Trending(_rng.Next(0, 12));
        var byCategory = _categories.Where(_ => _rng.Next(4) > 0)
            .ToDictionary(c => c, _ => Trending(_rng.Next(0, 7)), StringComparer.Ordinal);
        var categories = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var id in _ids.Where(_ => _rng.Next(2) == 0)) categories[id] = Fresh(_categories[_rng.Next(_categories.Length)]);
        return new CatalogSnapshot(_rng.Next(1, 100), Now, relations.ToImmutable(), new Dictionary<string, TrendStatus>(StringComparer.Ordinal),
            global, byCategory, categories.ToImmutable());
    }

    private IReadOnlyList<TrendingItem> Trending(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new TrendingItem(Id(), (float)(_rng.NextDouble() * 100), 1.5f, TrendStatus.Trending, 20 + i))];

    private ForecastSnapshot BuildForecast() =>
        new(1, Now, _ids.Where(_ => _rng.Next(3) == 0).Select(id =>
            new ProductForecast(id, 1, 0, 2, _rng.Next(4) switch { 0 => null, 1 => 0, _ => _rng.Next(1, 50) }, null, null, Pressure())));

    private ProductFeed BuildFeed()
    {
        var feed = new ProductFeed();
        foreach (var id in _ids.Where(_ => _rng.Next(3) > 0))
        {
            var list = _rng.Next(5) == 0 ? (double?)null : ListPrice();
            feed.Apply(new ProductFeedItem(Fresh(id), Category(), list, list is { } l ? Cost(l) : null,
                _rng.Next(4) switch { 0 => null, 1 => 0, _ => _rng.Next(1, 50) }));
        }
        return feed;
    }
}
