namespace Journeys.Scoring.Pricing;

/// <summary>
/// One training row of the demand model: a session looked at a product at <see cref="Price"/> (its list price was
/// <see cref="ListPrice"/>), the session model said <see cref="Conversion"/> and <see cref="Friction"/> at that moment,
/// and the session did or did not buy that product afterwards. <see cref="ProductId"/> only serves the bookkeeping
/// (category reference prices, the within-product price check); it is never a feature.
/// </summary>
public sealed record DemandObservation(
    string ProductId,
    string? CategoryId,
    double Price,
    double ListPrice,
    double Conversion,
    double Friction,
    bool Purchased);
