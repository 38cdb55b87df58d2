namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// What a ranker's top-20 lists look like beyond accuracy, over all test cases (<see cref="RecommendationLists"/>).
/// </summary>
/// <param name="Coverage20">Distinct items that appear in any top 20, as a fraction of the training items.</param>
/// <param name="MostCommonFirstShare">Share of cases whose first recommendation is the single most common first recommendation.</param>
/// <param name="MostCommonFirst">That item (null when there were no cases).</param>
/// <param name="PopularityPercentile">Mean popularity percentile (0–100, by training clicks; 100 = the most clicked
/// item) of every recommended item of every top 20.</param>
public sealed record ListScores(double Coverage20, double MostCommonFirstShare, string? MostCommonFirst, double PopularityPercentile);
