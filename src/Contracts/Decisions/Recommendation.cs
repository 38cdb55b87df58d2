namespace Journeys.Contracts.Decisions;

/// <summary>
/// One recommended product. <see cref="Reason"/> is a short machine-readable code (for example <c>model</c>) so
/// downstream services can explain the recommendation.
/// </summary>
public sealed record Recommendation(string ProductId, double Score, string Reason);
