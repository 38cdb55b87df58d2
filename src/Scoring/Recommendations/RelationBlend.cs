using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;

namespace Journeys.Scoring.Recommendations;

/// <summary>
/// Blends the model's next-item probabilities with catalog relations of the session's recent items — the one function
/// the live recommender and the evaluation both call. Each candidate c scores
/// [p_model(c) + λV · Σ_i ρ_i · share_coview(r_i → c) + λP · Σ_i ρ_i · share_copurchase(r_i → c)] / (1 + λV + λP),
/// a mixture of three next-item distributions: the model's, and one random step along each relation from a recent item
/// r_i chosen with probability ρ_i ∝ decay^i. Items outside the model's list count p_model = 0 (their probability is
/// below the list's last one, and unknown).
/// </summary>
public static class RelationBlend
{
    public const string ModelReason = "model";
    public const string CoViewReason = "co_view";
    public const string CoPurchaseReason = "co_purchase";

    /// <param name="modelTop">The model's best items with their probabilities, best first.</param>
    /// <param name="recentItems">The session's products, most recent first (repeats are skipped).</param>
    /// <param name="related">Relations of a product (e.g. <see cref="CatalogSnapshot.Related(string)"/>).</param>
    /// <param name="weights">The mixture weights.</param>
    /// <param name="count">Most candidates returned.</param>
    /// <returns>Candidates best first (ties keep the model's order, then first relation seen), each with its strongest contributor.</returns>
    public static IReadOnlyList<BlendedItem> Blend(
        IReadOnlyList<ScoredItem> modelTop,
        IReadOnlyList<string> recentItems,
        Func<string, IReadOnlyList<RelatedItem>> related,
        RelationBlendWeights weights,
        int count)
    {
        ArgumentNullException.ThrowIfNull(modelTop);
        ArgumentNullException.ThrowIfNull(recentItems);
        ArgumentNullException.ThrowIfNull(related);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (weights.Problem() is { } problem) throw new ArgumentException($"Invalid blend weights: {problem}.", nameof(weights));

        var norm = 1 / (1 + weights.CoView + weights.CoPurchase);
        var parts = new Dictionary<string, Parts>(modelTop.Count * 2, StringComparer.Ordinal);
        foreach (var item in modelTop)
        {
            if (!parts.ContainsKey(item.ProductId)) parts[item.ProductId] = new Parts(parts.Count) { Model = norm * item.Score };
        }

        var sources = RecentSources(recentItems, weights);
        foreach (var (source, share) in sources)
        {
            foreach (var r in related(source))
            {
                var weight = r.Kind == RelationKind.CoPurchase ? weights.CoPurchase : weights.CoView;
                var contribution = norm * weight * share * r.Score;
                if (!(contribution > 0)) continue;
                if (!parts.TryGetValue(r.ProductId, out var p))
                {
                    p = new Parts(parts.Count);
                    parts[r.ProductId] = p;
                }
                if (r.Kind == RelationKind.CoPurchase)
                {
                    p.CoPurchase += contribution;
                }
                else
                {
                    p.CoView += contribution;
                }
            }
        }

        var ranked = parts.ToArray();
        Array.Sort(ranked, static (a, b) =>
        {
            var byScore = b.Value.Total.CompareTo(a.Value.Total);
            return byScore != 0 ? byScore : a.Value.Order.CompareTo(b.Value.Order);
        });
        var result = new BlendedItem[Math.Min(count, ranked.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            var (id, p) = ranked[i];
            result[i] = new BlendedItem(id, (float)p.Total, p.Reason);
        }
        return result;
    }

    /// <summary>The first <see cref="RelationBlendWeights.MaxRecentItems"/> distinct recent items and their normalized weights.</summary>
    private static List<(string Item, double Share)> RecentSources(IReadOnlyList<string> recentItems, RelationBlendWeights weights)
    {
        var sources = new List<(string Item, double Share)>(weights.MaxRecentItems);
        if (weights.CoView == 0 && weights.CoPurchase == 0) return sources;
        var w = 1.0;
        double total = 0;
        foreach (var item in recentItems)
        {
            if (sources.Count == weights.MaxRecentItems) break;
            if (sources.Exists(s => string.Equals(s.Item, item, StringComparison.Ordinal))) continue;
            sources.Add((item, w));
            total += w;
            w *= weights.RecencyDecay;
        }
        for (var i = 0; i < sources.Count; i++) sources[i] = (sources[i].Item, sources[i].Share / total);
        return sources;
    }

    private sealed class Parts(int order)
    {
        public int Order { get; } = order;
        public double Model { get; set; }
        public double CoView { get; set; }
        public double CoPurchase { get; set; }
        public double Total => Model + CoView + CoPurchase;

        // Ties go to the model, then to co-purchase (the stronger signal of intent).
        public string Reason =>
            Model >= CoView && Model >= CoPurchase ? ModelReason
            : CoPurchase >= CoView ? CoPurchaseReason
            : CoViewReason;
    }
}
