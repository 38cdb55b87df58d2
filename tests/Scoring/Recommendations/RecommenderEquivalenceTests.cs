using Journeys.Scoring.Recommendations;
using Journeys.Scoring.Tests.Advice;

namespace Journeys.Scoring.Tests.Recommendations;

/// <summary>
/// The recommender against its reference copy (<see cref="ReferenceRecommender"/>) on seeded random catalogs, feeds,
/// forecasts, rules and sessions: the same recommendations in the same order, with the same scores and reasons.
/// </summary>
public sealed class RecommenderEquivalenceTests
{
    [Fact]
    public void Recommendations_equal_the_reference_on_random_catalogs_rules_and_sessions()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            for (var r = 0; r < 3; r++)
            {
                var options = world.RecommendationOptions();
                var recommender = new Recommender(options, world.ModelKnows);
                var reference = new ReferenceRecommender(options, world.ModelKnows);
                for (var i = 0; i < 8; i++)
                {
                    var request = world.RecommendationRequest();

                    var expected = reference.Recommend(request, world.Catalog, world.Forecast, world.Feed);
                    var actual = recommender.Recommend(request, world.Catalog, world.Forecast, world.Feed);

                    AdviceAssert.Same(expected, actual, $"seed {seed}, rules {r}, case {i}");
                }
            }
        }
    }
}
