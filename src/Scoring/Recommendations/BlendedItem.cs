namespace Journeys.Scoring.Recommendations;

/// <summary>
/// A recommendation candidate after <see cref="RelationBlend"/>: its blended score and the strongest contributor to it,
/// <see cref="RelationBlend.ModelReason"/>, <see cref="RelationBlend.CoViewReason"/>, <see cref="RelationBlend.CoPurchaseReason"/>
/// <see cref="RelationBlend.SessionNeighboursReason"/> or <see cref="RelationBlend.RecentlyViewedReason"/>.
/// </summary>
public readonly record struct BlendedItem(string ProductId, float Score, string Reason);
