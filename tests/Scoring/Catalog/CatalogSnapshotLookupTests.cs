using Journeys.Scoring.Catalog;
using Journeys.Scoring.Tests.Advice;

namespace Journeys.Scoring.Tests.Catalog;

public sealed class CatalogSnapshotLookupTests
{
    [Fact]
    public void Relations_of_one_kind_are_exactly_that_kinds_relations_in_their_order()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            for (var i = 0; i < 20; i++)
            {
                var product = world.Id();
                foreach (var kind in Enum.GetValues<RelationKind>())
                {
                    Assert.Equal(world.Catalog.Related(product).Where(r => r.Kind == kind), world.Catalog.Related(product, kind));
                }
            }
        }
    }
}
