namespace Journeys.Demo;

/// <summary>
/// What the demo's recommendation lists look like beyond accuracy (the same two measures <c>journeys evaluate</c>
/// reports per ranker): does every shopper see the same product first, and how much of the catalog is ever shown?
/// </summary>
/// <param name="MostCommonFirst">The product that led the most decisions' recommendations.</param>
/// <param name="MostCommonFirstShare">Share of the decisions with recommendations that it led.</param>
/// <param name="DistinctRecommended">Distinct products in any decision's recommendations.</param>
/// <param name="Coverage">Those as a share of the products in the bundled product feed.</param>
public sealed record DemoLists(string? MostCommonFirst, double MostCommonFirstShare, int DistinctRecommended, double Coverage);
