using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Recommendations;

/// <summary>Business rules of the recommender (configuration section <c>Recommendations</c>), validated at start.</summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendations";

    /// <summary>Recommendations per decision.</summary>
    [Range(1, 100, ErrorMessage = "Recommendations:Count must be between 1 and 100.")]
    public int Count { get; set; } = 10;

    /// <summary>
    /// At most this many recommendations from one category (diversity): ten phone cases are one recommendation said ten
    /// times. Products with no known category are not capped.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Recommendations:MaxPerCategory must be between 1 and 100.")]
    public int MaxPerCategory { get; set; } = 3;

    /// <summary>Never recommend a product the session already bought.</summary>
    public bool ExcludePurchased { get; set; } = true;

    /// <summary>Never recommend a product the inventory view says is out of stock or about to run out.</summary>
    public bool ExcludeOutOfStock { get; set; } = true;

    /// <summary>Product ids never recommended (recalls, adult items, …).</summary>
    public IList<string> Blocklist { get; } = [];

    /// <summary>
    /// Weight of the co-view relation distribution against the model's (whose weight is 1) when candidates are blended
    /// (<see cref="RelationBlend"/>); 0 turns co-view off. Default: the weight tuned on held-out training sessions of
    /// the Diginetica split (docs/recommendations.md).
    /// </summary>
    [Range(0.0, RelationBlendWeights.MaxWeight, ErrorMessage = "Recommendations:CoViewWeight must be between 0 and 1000 (0 = model only).")]
    public double? CoViewWeight { get; set; }

    /// <summary>Weight of the co-purchase (complements) relation distribution; see <see cref="CoViewWeight"/>.</summary>
    [Range(0.0, RelationBlendWeights.MaxWeight, ErrorMessage = "Recommendations:CoPurchaseWeight must be between 0 and 1000 (0 = off).")]
    public double? CoPurchaseWeight { get; set; }

    /// <summary>The i-th most recent product of the session speaks with weight RecencyDecay^i.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Recommendations:RecencyDecay must be in (0, 1].")]
    public double? RecencyDecay { get; set; }

    /// <summary>How many of the session's most recent products contribute their relations.</summary>
    [Range(1, 100, ErrorMessage = "Recommendations:RelatedRecentItems must be between 1 and 100.")]
    public int? RelatedRecentItems { get; set; }

    /// <summary>
    /// Weight of the session-neighbourhood distribution (V-SKNN over the recent sessions the catalog stage indexes,
    /// section <c>SessionNeighbours</c>); 0 turns it off.
    /// </summary>
    [Range(0.0, RelationBlendWeights.MaxWeight, ErrorMessage = "Recommendations:SessionNeighboursWeight must be between 0 and 1000 (0 = off).")]
    public double? SessionNeighboursWeight { get; set; }

    /// <summary>
    /// Weight of the recently-viewed distribution (the session's own earlier products, <see cref="RelationBlendWeights.RecentlyViewed"/>);
    /// 0 turns it off.
    /// </summary>
    [Range(0.0, RelationBlendWeights.MaxWeight, ErrorMessage = "Recommendations:RecentlyViewedWeight must be between 0 and 1000 (0 = off).")]
    public double? RecentlyViewedWeight { get; set; }

    /// <summary>Each step back in the session multiplies a recently viewed product's weight by this.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Recommendations:RecentlyViewedDecay must be in (0, 1].")]
    public double? RecentlyViewedDecay { get; set; }

    /// <summary>
    /// The weights the recommender blends with: each one set here wins; an unset one comes from the model file (the
    /// weights <c>journeys train</c> chose on the model's validation sessions, <paramref name="fromModel"/>), else from
    /// <see cref="RelationBlendWeights.Default"/>. So the engine serves what <c>journeys evaluate</c> scored as served.
    /// </summary>
    public RelationBlendWeights BlendWeights(RelationBlendWeights? fromModel = null)
    {
        var fallback = fromModel ?? RelationBlendWeights.Default;
        return new(CoViewWeight ?? fallback.CoView, CoPurchaseWeight ?? fallback.CoPurchase, RecencyDecay ?? fallback.RecencyDecay,
            RelatedRecentItems ?? fallback.MaxRecentItems)
        {
            SessionNeighbours = SessionNeighboursWeight ?? fallback.SessionNeighbours,
            RecentlyViewed = RecentlyViewedWeight ?? fallback.RecentlyViewed,
            RecentlyViewedDecay = RecentlyViewedDecay ?? fallback.RecentlyViewedDecay,
        };
    }
}
