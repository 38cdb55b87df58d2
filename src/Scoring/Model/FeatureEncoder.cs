using Journeys.Contracts.Events;

namespace Journeys.Scoring.Model;

/// <summary>
/// Turns a <see cref="ClickEvent"/> into the model's input indices. Never throws on unknown ids: they map to 0.
/// <list type="bullet">
/// <item>Type: <c>(int)ClickType + 1</c>; 0 is padding (and any value outside the enum).</item>
/// <item>Product / category: 1-based position in the model's vocabulary; 0 = unknown or absent.</item>
/// <item>Price: 0 = no price (null, NaN, negative); otherwise 1 + the number of edges ≤ price, so with the default
/// log-spaced edges 1, 2, 5, …, 5000 bucket 1 is [0, 1), bucket 2 is [1, 2), …, the last is ≥ 5000.</item>
/// <item>Gap since the previous event of the session: 0 = first event; then 1 + the number of edges ≤ gap, with the
/// default edges 5 s, 30 s, 2 min, 10 min, 1 h: 1 = &lt;5 s, 2 = &lt;30 s, 3 = &lt;2 min, 4 = &lt;10 min, 5 = &lt;1 h,
/// 6 = ≥1 h. An event older than its predecessor (clock skew) counts as a zero gap.</item>
/// </list>
/// </summary>
public sealed class FeatureEncoder
{
    /// <summary>Log-spaced (1-2-5) price edges, in the catalog's currency units.</summary>
    public static readonly IReadOnlyList<double> DefaultPriceEdges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    /// <summary>Gap edges in seconds: 5 s, 30 s, 2 min, 10 min, 1 h.</summary>
    public static readonly IReadOnlyList<double> DefaultGapEdgesSeconds = [5, 30, 120, 600, 3600];

    private readonly Dictionary<string, int> _products;
    private readonly Dictionary<string, int> _categories;
    private readonly double[] _priceEdges;
    private readonly double[] _gapEdges;

    public FeatureEncoder(
        IReadOnlyList<string> products,
        IReadOnlyList<string> categories,
        IReadOnlyList<double> priceEdges,
        IReadOnlyList<double> gapEdgesSeconds)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(categories);
        Products = products;
        Categories = categories;
        this._products = Index(products, nameof(products));
        this._categories = Index(categories, nameof(categories));
        this._priceEdges = Edges(priceEdges, nameof(priceEdges));
        _gapEdges = Edges(gapEdgesSeconds, nameof(gapEdgesSeconds));
    }

    /// <summary>Product ids by index − 1 (index 0 is out-of-vocabulary).</summary>
    public IReadOnlyList<string> Products { get; }

    /// <summary>Category ids by index − 1 (index 0 is out-of-vocabulary).</summary>
    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<double> PriceEdges => _priceEdges;
    public IReadOnlyList<double> GapEdgesSeconds => _gapEdges;

    /// <summary>Vocabulary size including index 0.</summary>
    public int ProductCount => Products.Count + 1;

    /// <summary>Vocabulary size including index 0.</summary>
    public int CategoryCount => Categories.Count + 1;

    public int PriceBucketCount => _priceEdges.Length + 2;
    public int GapBucketCount => _gapEdges.Length + 2;

    /// <summary>Encodes one event; <paramref name="previousTimestamp"/> is the session's previous event time (null for the first).</summary>
    public StepFeatures Encode(ClickEvent click, DateTimeOffset? previousTimestamp)
    {
        ArgumentNullException.ThrowIfNull(click);
        var type = (int)click.Type is >= 0 and < ClickTypes.Count ? (int)click.Type + 1 : 0;
        return new StepFeatures(
            type,
            ProductIndex(click.ProductId),
            CategoryIndex(click.CategoryId),
            PriceBucket(click.Price),
            GapBucket(previousTimestamp is { } previous ? click.Timestamp - previous : null));
    }

    public int ProductIndex(string? productId) => Lookup(_products, productId);

    public int CategoryIndex(string? categoryId) => Lookup(_categories, categoryId);

    /// <summary>The product id at a vocabulary index, or null for 0 / out of range.</summary>
    public string? ProductAt(int index) => index >= 1 && index <= Products.Count ? Products[index - 1] : null;

    public int PriceBucket(double? price) =>
        price is { } p && !double.IsNaN(p) && p >= 0 ? 1 + CountAtOrBelow(_priceEdges, p) : 0;

    public int GapBucket(TimeSpan? gap) =>
        gap is { } g ? 1 + CountAtOrBelow(_gapEdges, Math.Max(0, g.TotalSeconds)) : 0;

    private static int Lookup(Dictionary<string, int> vocabulary, string? id) =>
        id is not null && vocabulary.TryGetValue(id, out var index) ? index : 0;

    private static int CountAtOrBelow(double[] edges, double value)
    {
        // Edges are strictly increasing, so the count of edges ≤ value is the upper-bound position.
        var lo = 0;
        var hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> ids, string name)
    {
        var map = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!map.TryAdd(ids[i], i + 1))
                throw new ArgumentException($"Vocabulary '{name}' lists '{ids[i]}' twice.", name);
        }
        return map;
    }

    private static double[] Edges(IReadOnlyList<double> edges, string name)
    {
        ArgumentNullException.ThrowIfNull(edges, name);
        var copy = edges.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]) || copy[i] <= 0 || (i > 0 && copy[i] <= copy[i - 1]))
                throw new ArgumentException($"Bucket edges '{name}' must be positive, finite and strictly increasing.", name);
        }
        return copy;
    }
}
