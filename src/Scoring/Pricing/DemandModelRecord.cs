namespace Journeys.Scoring.Pricing;

/// <summary>
/// The demand model file's content (JSON, <see cref="DemandModel.Save"/>): a logistic regression of "the session buys
/// this product" on <see cref="Features"/>, with raw-scale <see cref="Coefficients"/> so the file reads directly, and
/// everything needed to judge it: provenance, the price-variation check, how the price effect is identified, held-out
/// figures.
/// </summary>
/// <param name="FormatVersion">Layout of this file; readers refuse versions they do not know.</param>
/// <param name="Version">Names this model in decisions' reasons: source tag, training date, content hash.</param>
/// <param name="CategoryReferencePrices">Median list price of each category with enough products; a product of another
/// category is compared with its own list price.</param>
/// <param name="Identification">"within-product" or "across-products" (see <see cref="Note"/>), or "untrained".</param>
public sealed record DemandModelRecord(
    int FormatVersion,
    string Version,
    DateTimeOffset Trained,
    string Source,
    string? DataSha256,
    string? SessionModelVersion,
    IReadOnlyList<string> Features,
    IReadOnlyList<double> Coefficients,
    double Intercept,
    IReadOnlyDictionary<string, double> CategoryReferencePrices,
    int TrainingRows,
    int TrainingPurchases,
    DemandElasticity Elasticity,
    PriceVariation PriceVariation,
    string Identification,
    string Note,
    DemandEvaluation? Evaluation);
