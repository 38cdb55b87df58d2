using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

public sealed class RecommenderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An hour of views: "hot" (category x) runs at 6/min in the last 10 minutes against 1/min before (trending);
    /// "calm" (x) and "other" (y) steady; "new-y" (y) silent then active (emerging); and many sessions viewing m1 then
    /// "rel" (category z), so m1 → rel is a co-view relation.
    /// </summary>
    private static CatalogSnapshot Catalog()
    {
        var options = new CatalogOptions
        {
            TrendBucket = TimeSpan.FromMinutes(1),
            TrendShortWindow = TimeSpan.FromMinutes(10),
            TrendLongWindow = TimeSpan.FromMinutes(60),
            MinTrendingEvents = 20,
            MinEmergingEvents = 5,
            MinHistoryEvents = 20,
        };
        var model = new CatalogModel(options);
        var n = 0;
        void View(DateTimeOffset t, string session, string product, string category) =>
            model.Observe(new ClickEvent($"e{n++}", session, null, t, ClickType.ProductView, product, category));
        for (var minute = 0; minute < 61; minute++)
        {
            var t = Start.AddMinutes(minute);
            for (var i = 0; i < (minute < 50 ? 1 : 6); i++) View(t.AddSeconds(i), $"h{minute}-{i}", "hot", "x");
            for (var i = 0; i < 2; i++) View(t.AddSeconds(10 + i), $"c{minute}-{i}", "calm", "x");
            for (var i = 0; i < 2; i++) View(t.AddSeconds(20 + i), $"o{minute}-{i}", "other", "y");
            if (minute >= 50) View(t.AddSeconds(30), $"n{minute}", "new-y", "y");
            View(t.AddSeconds(40), $"r{minute}", "m1", "z");
            View(t.AddSeconds(41), $"r{minute}", "rel", "z");
        }
        return model.Publish();
    }

    private static readonly CatalogSnapshot Snapshot = Catalog();

    private static Recommender Build(RecommendationOptions? options = null) =>
        new(options ?? new RecommendationOptions { Count = 5 }, p => p.StartsWith('m'));

    private static IReadOnlyList<ScoredItem> Model(params string[] ids) =>
        [.. ids.Select((id, i) => new ScoredItem(id, 0.5f / (i + 1)))];

    private static RecommendationRequest Request(IReadOnlyList<ScoredItem> model, string? product = "m1", string? category = null,
        IReadOnlyList<string>? recent = null, IReadOnlyList<string>? purchased = null) =>
        new(product, category, model, recent ?? (product is null ? [] : [product]), purchased ?? []);

    [Fact]
    public void The_product_on_screen_purchased_and_blocklisted_products_are_never_recommended()
    {
        var options = new RecommendationOptions { Count = 5 };
        options.Blocklist.Add("m4");

        var recommended = Build(options).Recommend(
            Request(Model("m1", "m2", "m3", "m4", "m5", "m6"), purchased: ["m2"]), Snapshot, ForecastSnapshot.Empty, new ProductFeed());

        var ids = recommended.Select(r => r.ProductId).ToList();
        Assert.DoesNotContain("m1", ids);
        Assert.DoesNotContain("m2", ids);
        Assert.DoesNotContain("m4", ids);
        Assert.Contains("m3", ids);
    }

    [Fact]
    public void Products_out_of_stock_or_about_to_run_out_are_dropped()
    {
        var feed = new ProductFeed();
        feed.Apply(new ProductFeedItem("m2", null, 10, 5, 0));
        var forecast = new ForecastSnapshot(1, Start, [new ProductForecast("m3", 4, 1, 8, 2, 0.5, 0.9, InventoryPressure.StockOutRisk)]);

        var ids = Build().Recommend(Request(Model("m2", "m3", "m5")), Snapshot, forecast, feed).Select(r => r.ProductId).ToList();

        Assert.DoesNotContain("m2", ids);
        Assert.DoesNotContain("m3", ids);
        Assert.Contains("m5", ids);
    }

    [Fact]
    public void No_category_appears_more_than_MaxPerCategory_times()
    {
        var feed = new ProductFeed();
        foreach (var id in new[] { "m2", "m3", "m4", "m5" })
        {
            feed.Apply(new ProductFeedItem(id, "phones", 10, null, null));
        }
        var options = new RecommendationOptions { Count = 5, MaxPerCategory = 2 };

        var recommended = Build(options).Recommend(Request(Model("m2", "m3", "m4", "m5", "m6")), Snapshot, ForecastSnapshot.Empty, feed);

        Assert.Equal(2, recommended.Count(r => feed.Find(r.ProductId)?.CategoryId == "phones"));
        Assert.Contains(recommended, r => r.ProductId == "m6");
    }

    [Fact]
    public void A_product_related_to_the_session_is_blended_in_with_its_relation_as_reason()
    {
        var recommended = Build().Recommend(Request(Model("m7", "m8")), Snapshot, ForecastSnapshot.Empty, new ProductFeed());

        var related = Assert.Single(recommended, r => r.ProductId == "rel");
        Assert.Equal(RelationBlend.CoViewReason, related.Reason);
        Assert.Equal(RelationBlend.ModelReason, recommended.Single(r => r.ProductId == "m7").Reason);
    }

    [Fact]
    public void A_cold_session_gets_its_categorys_trending_items_then_global_trending()
    {
        // A first search: no product the model knows, none with relations; its model candidates are ignored.
        var recommended = Build().Recommend(Request(Model("m2", "m3"), product: null, category: "y"), Snapshot,
            ForecastSnapshot.Empty, new ProductFeed());

        Assert.Equal(("new-y", Recommender.CategoryTrendingReason), (recommended[0].ProductId, recommended[0].Reason));
        Assert.Equal(("hot", Recommender.TrendingReason), (recommended[1].ProductId, recommended[1].Reason));
        // Only when the trending lists are used up do the model's candidates (its prior, for a cold session) fill in.
        Assert.Equal(["m2", "m3"], recommended.Skip(2).Select(r => r.ProductId));
        Assert.All(recommended.Skip(2), r => Assert.Equal(RelationBlend.ModelReason, r.Reason));
    }

    [Fact]
    public void A_cold_session_on_a_fresh_engine_with_nothing_trending_gets_the_models_candidates()
    {
        var recommended = Build().Recommend(Request(Model("m2", "m3"), product: null, category: "y"), CatalogSnapshot.Empty,
            ForecastSnapshot.Empty, new ProductFeed());

        Assert.Equal(["m2", "m3"], recommended.Select(r => r.ProductId));
    }

    [Fact]
    public void When_the_rules_leave_too_few_candidates_trending_items_fill_the_list()
    {
        var options = new RecommendationOptions { Count = 3 };
        options.Blocklist.Add("m2");

        var recommended = Build(options).Recommend(Request(Model("m2", "m3")), Snapshot, ForecastSnapshot.Empty, new ProductFeed());

        Assert.Equal(3, recommended.Count);
        Assert.Contains(recommended, r => r.Reason is Recommender.TrendingReason or Recommender.CategoryTrendingReason);
    }

    [Fact]
    public void With_ExcludePurchased_off_a_bought_product_may_come_back()
    {
        var options = new RecommendationOptions { Count = 5, ExcludePurchased = false };

        var ids = Build(options).Recommend(Request(Model("m2", "m3"), purchased: ["m2"]), Snapshot, ForecastSnapshot.Empty,
            new ProductFeed()).Select(r => r.ProductId);

        Assert.Contains("m2", ids);
    }
}
