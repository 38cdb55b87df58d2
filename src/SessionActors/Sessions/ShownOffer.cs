namespace Journeys.SessionActors.Sessions;

/// <summary>
/// A price this session was shown for a product, and when (event time): pricing keeps showing it within the stability
/// window, so a shopper never sees a product's price move while they look at it.
/// </summary>
public sealed record ShownOffer(string ProductId, double Price, DateTimeOffset ShownAt);
