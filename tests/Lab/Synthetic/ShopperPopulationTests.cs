using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;
using Journeys.Lab.Synthetic;
using Journeys.Lab.Tests.Replay;

namespace Journeys.Lab.Tests.Synthetic;

public sealed class ShopperPopulationTests
{
    private static readonly ShopperProfile Rees46 =
        ShopperProfile.Fit(DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46));

    private static List<ClickEvent> Draw(int concurrent, int seed, int count) =>
        [.. new ShopperPopulation(Rees46, concurrent, seed).Events(new SteppingClock()).Take(count)];

    [Fact]
    public void The_profile_is_fitted_from_every_session_and_event_of_the_source()
    {
        Assert.Equal(5066, Rees46.SourceSessions);
        Assert.Equal(17434, Rees46.SourceEvents);
        Assert.Equal(6493, Rees46.Products.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_stream()
    {
        Assert.Equal(Draw(100, 7, 2000), Draw(100, 7, 2000));
        Assert.NotEqual(Draw(100, 7, 2000), Draw(100, 8, 2000));
    }

    [Fact]
    public void The_event_mix_follows_the_source()
    {
        var source = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        var synthetic = Draw(1000, 1, 50_000);

        foreach (var type in new[] { ClickType.ProductView, ClickType.AddToCart, ClickType.Purchase })
        {
            var expected = source.Count(e => e.Type == type) / (double)source.Count;
            var actual = synthetic.Count(e => e.Type == type) / (double)synthetic.Count;
            Assert.InRange(actual, expected * 0.7, expected * 1.3 + 0.002);
        }
    }

    [Fact]
    public void Popular_products_are_drawn_more_often_than_rare_ones()
    {
        var counts = Draw(1000, 2, 50_000).Where(e => e.ProductId is not null)
            .GroupBy(e => e.ProductId!).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(counts.GetValueOrDefault(Rees46.Products[0]) > counts.GetValueOrDefault(Rees46.Products[^1]) * 5);
    }

    [Fact]
    public void Every_event_is_valid_on_the_wire_and_sessions_stay_ordered()
    {
        var events = Draw(50, 3, 5000);

        Assert.All(events, e => Assert.True(ClickEventCodec.Decode(ClickEventCodec.Encode(e)).IsValid));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.InRange(events.Select(e => e.SessionId).Distinct().Count(), 51, 5000);
    }
}
