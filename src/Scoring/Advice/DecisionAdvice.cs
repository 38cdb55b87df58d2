using Journeys.Contracts.Decisions;

namespace Journeys.Scoring.Advice;

/// <summary>
/// What a decision offers the shop: recommendations (each with its reason) and a price offer for the event's product
/// (null when there is no product or no known price), plus the versions of the views they came from.
/// </summary>
public sealed record DecisionAdvice(
    IReadOnlyList<Recommendation> Recommendations,
    PriceOffer? Price,
    string? CatalogVersion,
    string? ForecastVersion);
