using Journeys.Scoring.Model;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Model;

public class SeededModelTests
{
    [Fact]
    public void The_same_events_and_seed_give_the_same_version_and_weights()
    {
        using var a = Seeded(seed: 5);
        using var b = Seeded(seed: 5);

        Assert.Equal(a.Info.Version, b.Info.Version);
        Assert.StartsWith("untrained-seed5-", a.Info.Version, StringComparison.Ordinal);
        Assert.False(a.Info.Trained);
        foreach (var ((name, pa), (_, pb)) in a.Network.named_parameters().Zip(b.Network.named_parameters()))
            Assert.True(pa.allclose(pb, rtol: 0, atol: 0), $"parameter {name} differs");
    }

    [Fact]
    public void A_different_seed_gives_different_weights_and_version()
    {
        using var a = Seeded(seed: 5);
        using var b = Seeded(seed: 6);

        Assert.NotEqual(a.Info.Version, b.Info.Version);
        Assert.Contains(a.Network.named_parameters().Zip(b.Network.named_parameters()), p => !p.First.parameter.allclose(p.Second.parameter));
    }

    [Fact]
    public void A_different_vocabulary_changes_the_version_hash()
    {
        using var a = Seeded(seed: 5, products: 40);
        using var b = Seeded(seed: 5, products: 41);

        Assert.NotEqual(a.Info.Version, b.Info.Version);
    }

    [Fact]
    public void Vocabularies_are_ordered_by_frequency_and_capped()
    {
        using var model = SeededModel.Create(TestModels.Catalog(40), 1, Tiny, maxItems: 5, maxCategories: 100);

        // Product p occurs p % 7 + 1 times: the 7-timers are p6, p13, p20, p27, p34 (ties broken by ordinal id).
        Assert.Equal(["p13", "p20", "p27", "p34", "p6"], model.Metadata.Products);
        Assert.Equal(5, model.Info.ItemCount);
        Assert.Equal(6, model.Info.CategoryCount);
        Assert.Equal(6, model.Metadata.Dimensions.ItemCount);
    }
}
