namespace Journeys.Scoring.Recommendations;

/// <summary>
/// How <see cref="RelationBlend"/> mixes the model with catalog relations. <see cref="CoView"/> and
/// <see cref="CoPurchase"/> weigh the two relation distributions against the model's, whose weight is 1 (so a kind
/// missing from the data leaves the balance between the others as tuned); the i-th most recent distinct item of the
/// session (i = 0, 1, …, below <see cref="MaxRecentItems"/>) speaks with weight <see cref="RecencyDecay"/>^i before
/// normalization. <see cref="SessionNeighbours"/> weighs the session-neighbourhood distribution (V-SKNN's scores of the
/// session's best neighbour candidates, normalized to sum 1); it drops out of the mixture for a session without
/// neighbour candidates, whose blend is then exactly the one without it. <see cref="RecentlyViewed"/> weighs the
/// session's own earlier products (RepeatNet's repeat mode, as a fixed distribution): shoppers come back to what they
/// looked at, and neither the model nor the neighbours put those products high enough on their own.
/// </summary>
public sealed record RelationBlendWeights(double CoView, double CoPurchase, double RecencyDecay, int MaxRecentItems)
{
    /// <summary>Most relation weight accepted: beyond it the model would hardly count.</summary>
    public const double MaxWeight = 1_000;

    /// <summary>
    /// Co-view 0.5, recency decay 0.5 over 5 recent items: the best HR@20 of <c>Journeys.Lab.Evaluation.NextItem.RelationEvaluation</c>'s
    /// grid on Diginetica (SR-GNN split; the latest 9,334 training sessions, relations from the other 177,336;
    /// <c>journeys evaluate --relations</c>; the figures are in docs/recommendations.md). Co-purchase is not tuned (that split has no purchases);
    /// it takes the co-view weight until data with purchases says otherwise.
    /// Session neighbours 1 (provisional: V-SKNN outscores the model on its own, so it starts at the model's weight; to be
    /// chosen on validation sessions with <c>journeys evaluate</c>). Recently viewed 0.2 with decay 0.3: on the same
    /// validation sessions (model G) the grid's best MRR@20, within 0.2 points of its best HR@20
    /// (docs/benchmarks/2026-11-29-recently-viewed.md); a trained model carries its own choice.
    /// </summary>
    public static RelationBlendWeights Default { get; } = new(0.5, 0.5, 0.5, 5) { SessionNeighbours = 1, RecentlyViewed = 0.2, RecentlyViewedDecay = 0.3 };

    /// <summary>
    /// Weight λN of the session-neighbourhood distribution against the model's 1; 0 (the default of a new instance)
    /// leaves it out. Needs a <see cref="Catalog.SessionNeighbourSnapshot"/> handed to the blend.
    /// </summary>
    public double SessionNeighbours { get; init; }

    /// <summary>
    /// Weight λR of the recently-viewed distribution against the model's 1; 0 (the default of a new instance) leaves it
    /// out. Its products are the session's recent products before the latest one (the latest is the product on screen,
    /// which the engine never recommends), the j-th of them with weight <see cref="RecentlyViewedDecay"/>^j, repeats
    /// adding up, normalized to sum 1; it drops out of the mixture for a session with no earlier product.
    /// </summary>
    public double RecentlyViewed { get; init; }

    /// <summary>How fast the recently-viewed weight falls with each step back in the session, in (0, 1]; 1 weighs every earlier product alike.</summary>
    public double RecentlyViewedDecay { get; init; } = DefaultRecentlyViewedDecay;

    /// <summary>The decay a new instance starts with (model files from before the recently-viewed part carry λR = 0, so it does not apply to them).</summary>
    public const double DefaultRecentlyViewedDecay = 0.5;

    /// <summary>Null when valid, else what to fix.</summary>
    public string? Problem() =>
        !(CoView is >= 0 and <= MaxWeight) ? $"the co-view weight must be in [0, {MaxWeight}]; got {CoView}"
        : !(CoPurchase is >= 0 and <= MaxWeight) ? $"the co-purchase weight must be in [0, {MaxWeight}]; got {CoPurchase}"
        : !(SessionNeighbours is >= 0 and <= MaxWeight) ? $"the session-neighbour weight must be in [0, {MaxWeight}]; got {SessionNeighbours}"
        : !(RecentlyViewed is >= 0 and <= MaxWeight) ? $"the recently-viewed weight must be in [0, {MaxWeight}]; got {RecentlyViewed}"
        : !(RecencyDecay is > 0 and <= 1) ? $"the recency decay must be in (0, 1]; got {RecencyDecay}"
        : !(RecentlyViewedDecay is > 0 and <= 1) ? $"the recently-viewed decay must be in (0, 1]; got {RecentlyViewedDecay}"
        : MaxRecentItems < 1 ? $"at least 1 recent item must be used; got {MaxRecentItems}"
        : null;
}
