using Journeys.Scoring.Model;

namespace Journeys.Scoring.Recommendations;

/// <summary>What the recommender needs of one session at one event.</summary>
/// <param name="ProductId">The product the event concerns (never recommended back), if any.</param>
/// <param name="CategoryId">The event's category, if any: cold start falls back to its trending list.</param>
/// <param name="ModelItems">The model's top next items for the session after this event, best first.</param>
/// <param name="RecentItems">The session's products, most recent first (this event's included).</param>
/// <param name="PurchasedItems">Products the session bought.</param>
/// <param name="SessionId">The session's id: never its own neighbour in the session-neighbour view (null: not indexed).</param>
public sealed record RecommendationRequest(
    string? ProductId,
    string? CategoryId,
    IReadOnlyList<ScoredItem> ModelItems,
    IReadOnlyList<string> RecentItems,
    IReadOnlyList<string> PurchasedItems,
    string? SessionId = null);
