namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>The served blend's parts on the test cases, alone and in pairs, and the whole blend without its recently-viewed part, with the weights chosen for the whole blend.</summary>
public sealed record RelationParts(
    NextItemScores RelationsOnly,
    NextItemScores NeighboursOnly,
    NextItemScores ModelAndRelations,
    NextItemScores ModelAndNeighbours,
    NextItemScores WithoutRecentlyViewed);
