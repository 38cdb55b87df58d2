using Journeys.Scoring.Recommendations;
using Journeys.Scoring.Tests.Advice;

namespace Journeys.Scoring.Tests.Recommendations;

/// <summary>
/// The blend against its reference copy (<see cref="ReferenceRelationBlend"/>) on seeded random sessions: the same
/// candidates in the same order (ties included), the same float scores to the bit and the same reasons.
/// </summary>
public sealed class RelationBlendEquivalenceTests
{
    [Fact]
    public void Blend_returns_the_reference_candidates_scores_reasons_and_tie_order_on_random_sessions()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            for (var i = 0; i < 15; i++)
            {
                var model = world.ModelItems();
                var recent = world.RecentItems();
                var weights = world.Weights();
                var count = world.Random.Next(3) == 0 ? model.Count + 40 : world.Random.Next(0, 30);

                var expected = ReferenceRelationBlend.Blend(model, recent, world.Catalog.Related, weights, count);
                var actual = RelationBlend.Blend(model, recent, world.Catalog.Related, weights, count);

                AdviceAssert.Same(expected, actual, $"seed {seed}, case {i}");
            }
        }
    }
}
