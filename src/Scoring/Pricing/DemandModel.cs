using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Journeys.Scoring.Maths;

namespace Journeys.Scoring.Pricing;

/// <summary>
/// P(the session buys this product | price, the session's conversion probability and friction, the product's category):
/// a logistic regression on <see cref="FeatureNames"/>. Two kinds of price effect are kept apart:
/// <list type="bullet">
/// <item>own price, ln(price / list) and its interactions with the session's state — how a product's sales respond to a
/// discount, and how that differs between keen and hesitant sessions. Learnable only where prices vary within products;</item>
/// <item>positioning, ln(list / category median list) and ln(list) — how dearer products sell than cheaper ones.</item>
/// </list>
/// When the data do not vary prices within products (<see cref="PriceVariation.IdentifiesWithinProduct"/> is false, as in
/// three hours of REES46) the own-price slope is taken from the positioning slope (<see cref="DemandElasticity.AcrossProducts"/>)
/// and the record says so: the model then reads "a product priced 10 % higher sells like a product listed 10 % higher".
/// Nothing about the shopper's identity is an input. Fitted by <see cref="LogisticRegression"/> (Newton, L2) on
/// standardized features; stored on the raw scale.
/// </summary>
public sealed class DemandModel
{
    public const int FormatVersion = 1;

    /// <summary>A category needs this many products for a median list price that means more than one product's own.</summary>
    public const int MinCategoryProducts = 3;

    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "ln(price/list)",
        "ln(price/list)*logit(conversion)",
        "ln(price/list)*friction",
        "ln(list/categoryReference)",
        "ln(list)",
        "logit(conversion)",
        "friction",
    ];

    // Session model probabilities of exactly 0 or 1 would make the logit infinite.
    private const double ConversionClip = 1e-4;

    private readonly double[] _coefficients;
    private readonly Dictionary<string, double> _references;

    private DemandModel(DemandModelRecord record)
    {
        Record = record;
        _coefficients = [.. record.Coefficients];
        _references = new Dictionary<string, double>(record.CategoryReferencePrices, StringComparer.Ordinal);
    }

    public DemandModelRecord Record { get; }

    public string Version => Record.Version;

    /// <summary>Purchase probability of the product at <paramref name="price"/> for a session in the given state.</summary>
    public double Probability(double price, double listPrice, string? categoryId, double conversion, double friction) =>
        ResponseFor(listPrice, categoryId, conversion, friction).Probability(price);

    /// <summary>The purchase probability of one product for one session state as a function of price alone (the optimizer
    /// evaluates it at every price of its grid).</summary>
    internal PriceResponse ResponseFor(double listPrice, string? categoryId, double conversion, double friction) =>
        new(_coefficients, Record.Intercept, listPrice, Reference(categoryId, listPrice), Logit(conversion), friction);

    /// <summary>∂ logit P / ∂ ln price for one product in this session state (the product's reference held fixed).</summary>
    public double LogitPerLogPrice(double conversion, double friction) =>
        _coefficients[0] + (_coefficients[1] * Logit(conversion)) + (_coefficients[2] * friction);

    /// <summary>The category's reference price, or the list price itself when the category has none.</summary>
    public double Reference(string? categoryId, double listPrice) => ReferenceIn(_references, categoryId, listPrice);

    public bool HasReference(string? categoryId) => categoryId is not null && _references.ContainsKey(categoryId);

    /// <summary>
    /// Fits the model on <paramref name="rows"/>. <paramref name="variation"/> is the within-product price check to
    /// record (default: over the rows themselves); it decides whether the price effect is called an own-price elasticity.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rows hold no purchase, or only purchases.</exception>
    public static DemandModel Fit(IReadOnlyList<DemandObservation> rows, DemandProvenance provenance, PriceVariation? variation = null,
        double l2 = LogisticRegression.DefaultL2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(provenance);
        foreach (var r in rows) Check(r);
        var purchases = rows.Count(r => r.Purchased);
        if (purchases == 0 || purchases == rows.Count)
        {
            throw new InvalidOperationException(
                $"A demand model needs rows with and without a purchase; got {rows.Count:N0} rows with {purchases:N0} purchases. Use more data.");
        }
        var refs = CategoryReferences(rows);
        var x = rows.Select(r => Features(r.Price, r.ListPrice, ReferenceIn(refs, r.CategoryId, r.ListPrice), r.Conversion, r.Friction)).ToList();
        var (raw, intercept) = FitRaw(x, rows.Select(r => r.Purchased).ToList(), l2);
        variation ??= PriceVariation.Of("training rows", rows.Select(r => (r.ProductId, r.Price)));
        var identified = variation.IdentifiesWithinProduct;
        if (!identified)
        {
            // No discounts in the data: borrow the positioning slope as the own-price slope. With price = list,
            // w·ln(p/list) + w3·ln(list/ref) + w4·ln(list) for w = w3 + w4 is w3·ln(p/ref) + w4·ln(p): price moves the
            // product along its category's price–demand curve. No interaction can be borrowed.
            raw[0] = raw[3] + raw[4];
            raw[1] = 0;
            raw[2] = 0;
        }

        // The elasticity is averaged over the rows the model learned from: the sessions and products it knows.
        double slopeSum = 0, elasticitySum = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var z = intercept;
            for (var j = 0; j < raw.Length; j++) z += raw[j] * x[i][j];
            var p = 1 / (1 + Math.Exp(-z));
            var slope = raw[0] + (raw[1] * x[i][5]) + (raw[2] * x[i][6]);
            slopeSum += slope;
            elasticitySum += slope * (1 - p);
        }
        var elasticity = new DemandElasticity(slopeSum / rows.Count, elasticitySum / rows.Count, raw[3] + raw[4], raw[3], raw[4]);
        var note = identified
            ? string.Create(CultureInfo.InvariantCulture,
                $"Prices vary within products ({variation.ProductsWithPriceChange:N0} of {variation.Products:N0} products, {variation.ShareOfRowsWithVariation:P0} of rows), so the own-price coefficients (ln(price/list) and its interactions) are learned from how a product's sales respond to its own price.")
            : string.Create(CultureInfo.InvariantCulture,
                $"Prices barely vary within products here ({variation.ProductsWithPriceChange:N0} of {variation.Products:N0} products seen at more than one price, {variation.Scope}), so the price effect is identified only across products: how purchase odds differ between dearer and cheaper products (relative to their category's median list price, and in level), not how one product's sales respond to its own price change. The own-price coefficient ln(price/list) is set to that cross-product slope and its interactions to 0: the optimizer uses a cross-product comparison as an own-price elasticity, which assumes the two agree; differences in quality, brand or purpose between products can bias it either way.");
        var record = new DemandModelRecord(
            FormatVersion,
            VersionOf(provenance, raw, intercept),
            provenance.Trained,
            provenance.Source,
            provenance.DataSha256,
            provenance.SessionModelVersion,
            FeatureNames,
            raw,
            intercept,
            refs,
            rows.Count,
            purchases,
            elasticity,
            variation,
            identified ? "within-product" : "across-products",
            note,
            Evaluation: null);
        return new DemandModel(record);
    }

    /// <summary>
    /// The model before any training: weights drawn from U(−1/√d, 1/√d) (the usual initialization of a linear layer) with
    /// a fixed seed, no category references. What a pricing engine that never learned from data would use.
    /// </summary>
    public static DemandModel Seeded(int seed)
    {
        var random = new Random(seed);
        var bound = 1 / Math.Sqrt(FeatureNames.Count);
        var raw = Enumerable.Range(0, FeatureNames.Count).Select(_ => ((random.NextDouble() * 2) - 1) * bound).ToArray();
        var intercept = ((random.NextDouble() * 2) - 1) * bound;
        // A neutral session (conversion ½, friction ½) at list price 1 in its category's median: the untrained model's price response there.
        var slope = raw[0] + (raw[2] * 0.5);
        var p = 1 / (1 + Math.Exp(-(intercept + (raw[6] * 0.5))));
        var provenance = new DemandProvenance(string.Create(CultureInfo.InvariantCulture, $"untrained, seed {seed}"), null, null, DateTimeOffset.UnixEpoch);
        var record = new DemandModelRecord(FormatVersion, VersionOf(provenance, raw, intercept).Replace("demand-", "demand-untrained-", StringComparison.Ordinal),
            provenance.Trained, provenance.Source, null, null, FeatureNames, raw, intercept, new Dictionary<string, double>(), 0, 0,
            new DemandElasticity(slope, slope * (1 - p), raw[3] + raw[4], raw[3], raw[4]),
            new PriceVariation("none (untrained)", 0, 0, 0, 0), "untrained",
            "Initial weights, never fitted: its price response is noise of the seed (elasticity given for a session with conversion 0.5, friction 0.5).",
            Evaluation: null);
        return new DemandModel(record);
    }

    /// <summary>The same model with its held-out figures recorded.</summary>
    public DemandModel WithEvaluation(DemandEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new DemandModel(Record with { Evaluation = evaluation });
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(Record, DemandModelJsonContext.Default.DemandModelRecord) + "\n");
    }

    /// <exception cref="InvalidDataException">The file is not a demand model this version can read.</exception>
    public static DemandModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DemandModelRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(File.ReadAllText(path), DemandModelJsonContext.Default.DemandModelRecord);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a demand model file (journeys train --task demand writes them): {e.Message}", e);
        }
        if (record is null) throw new InvalidDataException($"'{path}' is empty; write a demand model with journeys train --task demand.");
        return FromRecord(record, $"'{path}'");
    }

    /// <summary>A model from its record (as read from a file or a store); <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The record is not one this version can use.</exception>
    public static DemandModel FromRecord(DemandModelRecord record, string source = "the demand model")
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.FormatVersion != FormatVersion)
            throw new InvalidDataException($"{source} has demand model format {record.FormatVersion}; this Journeys reads format {FormatVersion}. Retrain with journeys train --task demand.");
        if (record.Features is null || record.Coefficients is null || record.CategoryReferencePrices is null
            || !record.Features.SequenceEqual(FeatureNames, StringComparer.Ordinal) || record.Coefficients.Count != FeatureNames.Count)
            throw new InvalidDataException($"{source} has features [{string.Join(", ", record.Features ?? [])}]; this Journeys expects [{string.Join(", ", FeatureNames)}]. Retrain with journeys train --task demand.");
        if (!record.Coefficients.Append(record.Intercept).All(double.IsFinite) || !record.CategoryReferencePrices.Values.All(v => double.IsFinite(v) && v > 0))
            throw new InvalidDataException($"{source} holds a non-finite coefficient or a non-positive reference price; retrain with journeys train --task demand.");
        return new DemandModel(record);
    }

    private static double ReferenceIn(Dictionary<string, double> references, string? categoryId, double listPrice) =>
        categoryId is not null && references.TryGetValue(categoryId, out var r) ? r : listPrice;

    internal static double[] Features(double price, double listPrice, double reference, double conversion, double friction)
    {
        var own = Math.Log(price / listPrice);
        var logit = Logit(conversion);
        return [own, own * logit, own * friction, Math.Log(listPrice / reference), Math.Log(listPrice), logit, friction];
    }

    /// <summary>The logit of a conversion probability clipped away from 0 and 1, as the model's features use it (the lab's baseline and market simulator use the same transform).</summary>
    public static double Logit(double p)
    {
        var c = Math.Clamp(p, ConversionClip, 1 - ConversionClip);
        return Math.Log(c / (1 - c));
    }

    /// <summary>Median list price per category over distinct products, for categories with at least <see cref="MinCategoryProducts"/>.</summary>
    internal static Dictionary<string, double> CategoryReferences(IEnumerable<DemandObservation> rows)
    {
        var lists = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.CategoryId is null) continue;
            if (!lists.TryGetValue(r.CategoryId, out var products)) lists[r.CategoryId] = products = new Dictionary<string, double>(StringComparer.Ordinal);
            products.TryAdd(r.ProductId, r.ListPrice);
        }
        var references = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (category, products) in lists.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (products.Count < MinCategoryProducts) continue;
            var prices = products.Values.Order().ToArray();
            var mid = prices.Length / 2;
            references[category] = prices.Length % 2 == 1 ? prices[mid] : (prices[mid - 1] + prices[mid]) / 2;
        }
        return references;
    }

    /// <summary>
    /// Logistic regression on standardized columns (<see cref="LogisticRegression"/> re-standardizes; on standardized
    /// input that is the identity), mapped back to raw-scale coefficients so the file reads without the statistics.
    /// </summary>
    internal static (double[] Coefficients, double Intercept) FitRaw(IReadOnlyList<double[]> x, IReadOnlyList<bool> labels, double l2)
    {
        var d = x[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = x.Average(r => r[j]);
            var sd = Math.Sqrt(x.Average(r => (r[j] - mean) * (r[j] - mean)));
            means[j] = mean;
            scales[j] = sd > 1e-12 ? sd : 1;
        }
        var standardized = x.Select(r => Enumerable.Range(0, d).Select(j => (r[j] - means[j]) / scales[j]).ToArray()).ToList();
        var fit = LogisticRegression.Fit(standardized, labels, l2);
        var raw = new double[d];
        var intercept = fit.Bias;
        for (var j = 0; j < d; j++)
        {
            raw[j] = fit.Weights[j] / scales[j];
            intercept -= raw[j] * means[j];
        }
        return (raw, intercept);
    }

    private static string VersionOf(DemandProvenance provenance, double[] raw, double intercept)
    {
        var content = string.Join(";", raw.Append(intercept).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
            + "|" + provenance.Source + "|" + provenance.DataSha256 + "|" + provenance.SessionModelVersion;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return string.Create(CultureInfo.InvariantCulture, $"demand-{provenance.Trained:yyyyMMdd}-{hash[..12]}");
    }

    private static void Check(DemandObservation r)
    {
        if (!(double.IsFinite(r.Price) && r.Price > 0) || !(double.IsFinite(r.ListPrice) && r.ListPrice > 0))
            throw new ArgumentException($"Product {r.ProductId}: price {r.Price} and list price {r.ListPrice} must be positive and finite.", nameof(r));
        if (!(r.Conversion is >= 0 and <= 1) || !(r.Friction is >= 0 and <= 1))
            throw new ArgumentException($"Product {r.ProductId}: conversion {r.Conversion} and friction {r.Friction} must lie in [0, 1].", nameof(r));
    }
}
