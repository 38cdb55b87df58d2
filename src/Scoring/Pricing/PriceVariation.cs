namespace Journeys.Scoring.Pricing;

/// <summary>
/// How much prices move within a product in some data: the check that says whether a price coefficient can be an
/// own-price elasticity (prices vary within products) or only a comparison across products.
/// </summary>
/// <param name="Scope">Which rows were checked.</param>
/// <param name="Products">Distinct products with a price.</param>
/// <param name="ProductsWithPriceChange">Products seen at more than one price.</param>
/// <param name="MaxRelativeChange">Largest (max − min) / max over products.</param>
/// <param name="ShareOfRowsWithVariation">Fraction of rows whose product is seen at more than one price.</param>
public sealed record PriceVariation(string Scope, int Products, int ProductsWithPriceChange, double MaxRelativeChange, double ShareOfRowsWithVariation)
{
    /// <summary>
    /// Below this share of rows the price coefficient is called identified across products only: a handful of
    /// repriced products cannot carry an elasticity for the rest.
    /// </summary>
    public const double WithinProductShare = 0.05;

    public bool IdentifiesWithinProduct => ShareOfRowsWithVariation >= WithinProductShare;

    public static PriceVariation Of(string scope, IEnumerable<(string ProductId, double Price)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byProduct = new Dictionary<string, (double Min, double Max, int Rows)>(StringComparer.Ordinal);
        foreach (var (product, price) in rows)
        {
            byProduct[product] = byProduct.TryGetValue(product, out var s)
                ? (Math.Min(s.Min, price), Math.Max(s.Max, price), s.Rows + 1)
                : (price, price, 1);
        }
        var changed = byProduct.Values.Where(s => s.Max > s.Min).ToList();
        var total = byProduct.Values.Sum(s => s.Rows);
        return new PriceVariation(
            scope,
            byProduct.Count,
            changed.Count,
            changed.Count == 0 ? 0 : changed.Max(s => (s.Max - s.Min) / s.Max),
            total == 0 ? 0 : changed.Sum(s => s.Rows) / (double)total);
    }
}
