namespace Journeys.Scoring.Catalog;

/// <summary>
/// A product related to another one. <see cref="Score"/> is this neighbour's share of the product's kept relation
/// counts of that <see cref="Kind"/> (an estimate of P(neighbour | product), so shares of one kind sum to at most 1 and
/// are comparable across products). <see cref="IsSubstitute"/>: co-viewed but rarely co-purchased (an alternative,
/// not an add-on); always false for co-purchase relations, which are complements.
/// </summary>
public readonly record struct RelatedItem(string ProductId, float Score, RelationKind Kind, bool IsSubstitute);
