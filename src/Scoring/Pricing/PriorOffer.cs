namespace Journeys.Scoring.Pricing;

/// <summary>
/// The price this session was last shown for this product and when it was first shown at that price (the session's
/// state keeps it). Within <see cref="PricingOptions.StabilityWindow"/> of <see cref="ShownAt"/> the session is shown the
/// same price again. The caller keeps <see cref="ShownAt"/> at the first showing of a price: moving it on every re-show
/// would pin the price for as long as the session keeps coming back.
/// </summary>
public sealed record PriorOffer(string ProductId, double OfferPrice, DateTimeOffset ShownAt);
