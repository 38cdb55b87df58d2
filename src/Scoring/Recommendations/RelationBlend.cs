using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;

namespace Journeys.Scoring.Recommendations;

/// <summary>
/// Blends the model's next-item probabilities with catalog relations of the session's recent items — one computation
/// (<see cref="BlendCandidates"/>) behind both the live recommender, which takes candidates from it one at a time, and
/// the evaluation, which calls <see cref="Blend"/>. Each candidate c scores
/// [p_model(c) + λV · Σ_i ρ_i · share_coview(r_i → c) + λP · Σ_i ρ_i · share_copurchase(r_i → c)] / (1 + λV + λP),
/// a mixture of three next-item distributions: the model's, and one random step along each relation from a recent item
/// r_i chosen with probability ρ_i ∝ decay^i. Items outside the model's list count p_model = 0 (their probability is
/// below the list's last one, and unknown). With a session-neighbour view and λN &gt; 0 a fourth distribution joins:
/// [… + λN · q_nb(c)] / (1 + λV + λP + λN), q_nb the V-SKNN scores of the session's best neighbour candidates
/// (<see cref="SessionNeighbourSnapshot.MaxCandidates"/>) normalized to sum 1; a session without any leaves it out.
/// With λR &gt; 0 a fifth joins the same way: the session's recent products before its latest, the j-th with weight
/// decayR^j, normalized to sum 1 (<see cref="RelationBlendWeights.RecentlyViewed"/>); a session of one product leaves it out.
/// </summary>
public static class RelationBlend
{
    public const string ModelReason = "model";
    public const string CoViewReason = "co_view";
    public const string CoPurchaseReason = "co_purchase";
    public const string SessionNeighboursReason = "session_neighbours";
    public const string RecentlyViewedReason = "recently_viewed";

    /// <param name="modelTop">The model's best items with their probabilities, best first.</param>
    /// <param name="recentItems">The session's products, most recent first (repeats are skipped).</param>
    /// <param name="related">Relations of a product (e.g. <see cref="CatalogSnapshot.Related(string)"/>).</param>
    /// <param name="weights">The mixture weights.</param>
    /// <param name="count">Most candidates returned.</param>
    /// <param name="neighbours">Indexed sessions to find the session's neighbours in (null: none; see
    /// <see cref="SessionNeighbourIndex"/>); used when <see cref="RelationBlendWeights.SessionNeighbours"/> &gt; 0. The whole of
    /// <paramref name="recentItems"/> is the session V-SKNN weighs (most recent first, repeats included).</param>
    /// <param name="sessionId">The session's id in <paramref name="neighbours"/>, never its own neighbour (live, the
    /// current session is indexed); null when it is not indexed (offline test sessions).</param>
    /// <returns>Candidates best first (ties keep the model's order, then first relation seen, then the neighbours'
    /// order), each with its strongest contributor.</returns>
    public static IReadOnlyList<BlendedItem> Blend(
        IReadOnlyList<ScoredItem> modelTop,
        IReadOnlyList<string> recentItems,
        Func<string, IReadOnlyList<RelatedItem>> related,
        RelationBlendWeights weights,
        int count,
        SessionNeighbourSnapshot? neighbours = null,
        string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(modelTop);
        ArgumentNullException.ThrowIfNull(recentItems);
        ArgumentNullException.ThrowIfNull(related);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (weights.Problem() is { } problem) throw new ArgumentException($"Invalid blend weights: {problem}.", nameof(weights));

        var candidates = BlendCandidates.Rent();
        try
        {
            candidates.Fill(modelTop, recentItems, related, weights, neighbours, sessionId);
            var result = new BlendedItem[Math.Min(count, candidates.Remaining)];
            for (var i = 0; i < result.Length; i++) result[i] = candidates.Next();
            return result;
        }
        finally
        {
            candidates.Return();
        }
    }
}
