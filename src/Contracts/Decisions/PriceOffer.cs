namespace Journeys.Contracts.Decisions;

/// <summary>A personalized price for the product an event concerns, within the margin guardrails.</summary>
public sealed record PriceOffer(
    string ProductId,
    double ListPrice,
    double OfferPrice,
    double ExpectedProfit,
    double ConversionAtOffer,
    string Guardrail,
    string Reason);
