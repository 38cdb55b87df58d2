using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

/// <summary>
/// The oracle for <see cref="RelationBlend"/>: the blend as it was before the allocation work (commit 1df6c9c), kept
/// verbatim and deliberately naive (a dictionary of class entries, a lambda sort), so the optimized blend can be checked
/// against it on random inputs down to the bit and the tie order. Do not optimize this copy. The recently-viewed part was
/// added later in the same naive style (a part per product, summed in click order).
/// </summary>
internal static class ReferenceRelationBlend
{
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

        var viewed = weights.RecentlyViewed > 0 && recentItems.Count > 1;
        var norm = viewed
            ? 1 / (1 + weights.CoView + weights.CoPurchase + weights.RecentlyViewed)
            : 1 / (1 + weights.CoView + weights.CoPurchase);
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

        if (viewed)
        {
            double total = 0;
            var w = 1.0;
            for (var j = 1; j < recentItems.Count; j++, w *= weights.RecentlyViewedDecay) total += w;
            var share = norm * weights.RecentlyViewed / total;
            for (var j = 1; j < recentItems.Count; j++, share *= weights.RecentlyViewedDecay)
            {
                if (!parts.TryGetValue(recentItems[j], out var p))
                {
                    p = new Parts(parts.Count);
                    parts[recentItems[j]] = p;
                }
                p.RecentlyViewed += share;
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
        public double RecentlyViewed { get; set; }
        public double Total => Model + CoView + CoPurchase + RecentlyViewed;

        public string Reason =>
            Model >= CoView && Model >= CoPurchase && Model >= RecentlyViewed ? RelationBlend.ModelReason
            : RecentlyViewed > CoView && RecentlyViewed > CoPurchase ? RelationBlend.RecentlyViewedReason
            : CoPurchase >= CoView ? RelationBlend.CoPurchaseReason
            : RelationBlend.CoViewReason;
    }
}
