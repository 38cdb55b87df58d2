using Journeys.Contracts.Decisions;
using Journeys.Engine;

namespace Journeys.EndToEnd.Tests.Engine;

public sealed class TopRecommendationsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_recommended_yet_lists_nothing()
    {
        Assert.Empty(new TopRecommendations().Top(10));
    }

    [Fact]
    public void While_it_has_room_every_product_is_counted_exactly_by_reason()
    {
        var top = new TopRecommendations(capacity: 16, stripes: 1);
        top.Add(Decide(("a", "model"), ("b", "co_view"), ("c", "model")));
        top.Add(Decide(("a", "co_view"), ("b", "co_view")));
        top.Add(Decide(("a", "model")));

        var listed = top.Top(10);

        Assert.Equal(["a", "b", "c"], listed.Select(p => p.ProductId));
        Assert.Equal([3L, 2L, 1L], listed.Select(p => p.Count));
        Assert.All(listed, p => Assert.Equal(0, p.MaxOvercount));
        Assert.Equal([new("model", 2L), new KeyValuePair<string, long>("co_view", 1L)], listed[0].Reasons);
        Assert.Equal([new KeyValuePair<string, long>("co_view", 2L)], listed[1].Reasons);
        Assert.Single(top.Top(1));
    }

    [Fact]
    public void Products_recommended_more_often_than_total_over_capacity_are_kept_among_many_rare_ones()
    {
        // 3 frequent products among 5,000 that appear once each, far more than the 64 places.
        var random = new Random(13);
        var top = new TopRecommendations(capacity: 64, stripes: 1);
        var frequent = new[] { ("hot-1", 900), ("hot-2", 600), ("hot-3", 300) };
        var stream = frequent.SelectMany(f => Enumerable.Repeat(f.Item1, f.Item2))
            .Concat(Enumerable.Range(0, 5000).Select(i => $"rare-{i}"))
            .OrderBy(_ => random.Next())
            .ToList();
        foreach (var product in stream) top.Add(Decide((product, "model")));

        var listed = top.Top(3);

        Assert.Equal(["hot-1", "hot-2", "hot-3"], listed.Select(p => p.ProductId));
        foreach (var (product, count) in frequent)
        {
            // Space-Saving's guarantee: never under the truth, over it by at most the reported overcount.
            var p = listed.Single(l => l.ProductId == product);
            Assert.InRange(count, p.Count - p.MaxOvercount, p.Count);
        }
    }

    [Fact]
    public void Counts_halve_after_the_configured_number_of_recommendations_so_the_list_follows_recent_ones()
    {
        var top = new TopRecommendations(capacity: 8, halveEvery: 100, stripes: 1);
        for (var i = 0; i < 60; i++) top.Add(Decide(("old", "model")));
        for (var i = 0; i < 40; i++) top.Add(Decide(("new", "trending")));
        // The 100th recommendation halved everything: old 30, new 20.
        Assert.Equal([30L, 20L], top.Top(2).Select(p => p.Count));
        for (var i = 0; i < 40; i++) top.Add(Decide(("new", "trending")));

        var listed = top.Top(2);

        Assert.Equal(["new", "old"], listed.Select(p => p.ProductId));
        Assert.Equal([60L, 30L], listed.Select(p => p.Count));
        Assert.Equal([new KeyValuePair<string, long>("trending", 60L)], listed[0].Reasons);
    }

    [Fact]
    public async Task Decisions_from_many_threads_are_all_counted()
    {
        // No halving within the test: every recommendation stays counted.
        var top = new TopRecommendations(capacity: 64, halveEvery: long.MaxValue, stripes: 4);
        var decision = Decide(("a", "model"), ("b", "co_view"));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) top.Add(decision);
        })));

        var listed = top.Top(10);

        Assert.Equal([80_000L, 80_000L], listed.Select(p => p.Count));
    }

    private static Decision Decide(params (string Product, string Reason)[] recommendations) =>
        new("e", "s", 1, JourneyStage.Consideration, new StageProbabilities(0.2, 0.2, 0.2, 0.2, 0.2), 0.1, 0.1,
            [.. recommendations.Select((r, i) => new Recommendation(r.Product, 1.0 / (i + 1), r.Reason))], null, "m", T, T, 1);
}
