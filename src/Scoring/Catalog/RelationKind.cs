namespace Journeys.Scoring.Catalog;

/// <summary>Where a relation between two products comes from.</summary>
public enum RelationKind
{
    /// <summary>Viewed close together in the same sessions.</summary>
    CoView,

    /// <summary>Bought (or carted) in the same sessions: complements.</summary>
    CoPurchase,
}
