using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;

namespace Journeys.Scoring.Tests.Catalog;

public class CatalogRelationTests
{
    private static CatalogSnapshot Run(CatalogEvents events, CatalogOptions? options = null) =>
        events.Feed(new CatalogModel(options ?? new CatalogOptions())).Publish();

    private static Dictionary<string, float> Shares(CatalogSnapshot snapshot, string product, RelationKind kind) =>
        snapshot.Related(product, kind).ToDictionary(r => r.ProductId, r => r.Score);

    [Fact]
    public void A_view_pairs_with_the_previous_products_of_its_session_the_nearest_weighing_most()
    {
        var snapshot = Run(new CatalogEvents().Views("s1", "A", "B", "C"));

        // C pairs with B (distance 1, weight 1) and A (distance 2, weight 1/2).
        var c = Shares(snapshot, "C", RelationKind.CoView);
        Assert.Equal(2f / 3, c["B"], 5);
        Assert.Equal(1f / 3, c["A"], 5);
        Assert.Equal(["B", "A"], snapshot.Related("C").Select(r => r.ProductId));
        // Both directions: A got B (weight 1, from B's view) and C (1/2).
        var a = Shares(snapshot, "A", RelationKind.CoView);
        Assert.Equal(2f / 3, a["B"], 5);
        Assert.Equal(1f / 3, a["C"], 5);
    }

    [Fact]
    public void Only_the_last_CoViewWindow_distinct_products_pair_with_a_view()
    {
        var snapshot = Run(new CatalogEvents().Views("s1", "A", "B", "C"), new CatalogOptions { CoViewWindow = 1 });

        Assert.Equal(["B"], snapshot.Related("C").Select(r => r.ProductId));
        Assert.DoesNotContain(snapshot.Related("A"), r => r.ProductId == "C");
    }

    [Fact]
    public void Flipping_between_two_products_counts_their_pair_once()
    {
        var snapshot = Run(new CatalogEvents().Views("s1", "A", "B", "A", "B", "A").Views("s2", "A", "C"));

        var a = Shares(snapshot, "A", RelationKind.CoView);
        Assert.Equal(0.5f, a["B"], 5);
        Assert.Equal(0.5f, a["C"], 5);
    }

    [Fact]
    public void Views_of_different_sessions_do_not_pair()
    {
        var snapshot = Run(new CatalogEvents().View("s1", "A").View("s2", "B").View("s1", "C"));

        Assert.Equal(["C"], snapshot.Related("A").Select(r => r.ProductId));
        Assert.Empty(snapshot.Related("B"));
    }

    [Fact]
    public void A_basket_pair_counts_once_per_session_at_the_lower_of_its_two_levels()
    {
        var events = new CatalogEvents()
            // Cart A and B (pair at the cart weight 0.5), then buy both: the pair rises to 1, it does not add 0.5 + 1 + 1.
            .Cart("s1", "A").Cart("s1", "B").Purchase("s1", "A").Purchase("s1", "B")
            // Carted together only: 0.5.
            .Cart("s2", "A").Cart("s2", "C");

        var a = Shares(Run(events), "A", RelationKind.CoPurchase);

        Assert.Equal(2f / 3, a["B"], 5);
        Assert.Equal(1f / 3, a["C"], 5);
    }

    [Fact]
    public void Carts_are_ignored_when_their_weight_is_zero()
    {
        var events = new CatalogEvents().Cart("s1", "A").Cart("s1", "B").Purchase("s2", "A").Purchase("s2", "C");

        var a = Shares(Run(events, new CatalogOptions { CartWeight = 0 }), "A", RelationKind.CoPurchase);

        Assert.Equal(["C"], a.Keys);
    }

    [Fact]
    public void A_product_removed_from_the_cart_stops_pairing_but_keeps_what_it_had()
    {
        var snapshot = Run(new CatalogEvents().Cart("s1", "A").Cart("s1", "B").Uncart("s1", "B").Cart("s1", "C"));

        Assert.Equal(["B", "C"], snapshot.Related("A", RelationKind.CoPurchase).Select(r => r.ProductId).Order());
        Assert.Equal(["A"], snapshot.Related("B", RelationKind.CoPurchase).Select(r => r.ProductId));
    }

    [Fact]
    public void Co_purchase_counts_decay_by_half_life()
    {
        var events = new CatalogEvents()
            .At(CatalogEvents.Start).Purchase("s1", "A").Purchase("s1", "B")
            .At(CatalogEvents.Start.AddDays(1)).Purchase("s2", "A").Purchase("s2", "C");

        var a = Shares(Run(events, new CatalogOptions { RelationHalfLife = TimeSpan.FromDays(1) }), "A", RelationKind.CoPurchase);

        // A day later the first pair counts half: weights 1/2 and 1, as shares 1/3 and 2/3.
        Assert.Equal(1f / 3, a["B"], 4);
        Assert.Equal(2f / 3, a["C"], 4);
    }

    [Fact]
    public void Counts_stay_finite_when_event_time_runs_far_past_the_decay_landmark()
    {
        var events = new CatalogEvents()
            .At(CatalogEvents.Start).Views("s1", "A", "B")
            .At(CatalogEvents.Start.AddSeconds(200)).Views("s2", "A", "C")
            .At(CatalogEvents.Start.AddSeconds(400)).Views("s3", "A", "D");

        // 200 half-lives between the groups: weights are rescaled (the landmark moves) rather than overflowing.
        var a = Shares(Run(events, new CatalogOptions { RelationHalfLife = TimeSpan.FromSeconds(1) }), "A", RelationKind.CoView);

        Assert.All(a.Values, share => Assert.True(float.IsFinite(share)));
        Assert.True(a["D"] > 0.999f);
    }

    [Fact]
    public void Substitutes_are_co_viewed_but_rarely_co_purchased_and_not_of_different_categories()
    {
        var events = new CatalogEvents();
        for (var i = 0; i < 4; i++)
        {
            // A and B compared, one of them bought; A and C viewed and bought together; A and D viewed across categories.
            var s = $"s{i}";
            events.View(s, "A", "shoes").View(s, "B", "shoes").Purchase(s, "B");
            events.View($"t{i}", "A", "shoes").View($"t{i}", "C", "shoes").Purchase($"t{i}", "A").Purchase($"t{i}", "C");
            events.View($"u{i}", "A", "shoes").View($"u{i}", "D", "hats");
        }

        var related = Run(events).Related("A").ToList();

        Assert.True(related.Single(r => r.ProductId == "B" && r.Kind == RelationKind.CoView).IsSubstitute);
        Assert.False(related.Single(r => r.ProductId == "C" && r.Kind == RelationKind.CoView).IsSubstitute);
        Assert.False(related.Single(r => r.ProductId == "D").IsSubstitute);
        Assert.Contains(related, r => r.ProductId == "C" && r.Kind == RelationKind.CoPurchase && !r.IsSubstitute);
    }

    [Fact]
    public void A_pair_co_viewed_fewer_than_MinSubstituteCoViews_times_is_no_substitute()
    {
        var snapshot = Run(new CatalogEvents().Views("s1", "A", "B").Views("s2", "A", "B"));

        Assert.False(snapshot.Related("A").Single().IsSubstitute);
    }

    [Fact]
    public void A_full_neighbour_table_replaces_its_weakest_entry_which_passes_on_its_count()
    {
        var events = new CatalogEvents();
        for (var i = 0; i < 3; i++) events.Views($"b{i}", "A", "B");
        events.Views("c", "A", "C").Views("d", "A", "D");

        var a = Shares(Run(events, new CatalogOptions { MaxRelationsPerItem = 2, PublishedRelationsPerItem = 2 }), "A", RelationKind.CoView);

        // Space-Saving: D takes C's place with C's count 1 plus its own 1.
        Assert.Equal(["B", "D"], a.Keys.Order());
        Assert.Equal(3f / 5, a["B"], 5);
        Assert.Equal(2f / 5, a["D"], 5);
    }

    [Fact]
    public void Snapshots_publish_at_most_PublishedRelationsPerItem_per_kind_with_shares_of_all_kept()
    {
        var events = new CatalogEvents().Views("s1", "B", "A").Views("s2", "C", "A").Views("s3", "C", "A");

        var a = Run(events, new CatalogOptions { PublishedRelationsPerItem = 1 }).Related("A");

        Assert.Equal("C", Assert.Single(a).ProductId);
        Assert.Equal(2f / 3, a[0].Score, 5);
    }

    [Fact]
    public void The_item_table_forgets_the_least_recently_seen_product()
    {
        var model = new CatalogEvents().View("s1", "A", "x").View("s2", "B", "y").View("s3", "A").View("s4", "C", "z")
            .Feed(new CatalogModel(new CatalogOptions { MaxItems = 2 }));

        var snapshot = model.Publish();

        Assert.Equal(2, model.TrackedItems);
        Assert.Null(snapshot.CategoryOf("B"));
        Assert.Equal("x", snapshot.CategoryOf("A"));
        Assert.Equal("z", snapshot.CategoryOf("C"));
    }

    [Fact]
    public void A_forgotten_session_pairs_nothing_with_its_earlier_views()
    {
        var model = new CatalogEvents().View("s1", "A").View("s2", "B").View("s1", "C")
            .Feed(new CatalogModel(new CatalogOptions { MaxTrackedSessions = 1 }));

        var snapshot = model.Publish();

        Assert.Equal(1, model.TrackedSessions);
        Assert.Empty(snapshot.Related("C"));
    }

    [Fact]
    public void A_product_takes_the_category_its_latest_event_gives()
    {
        var snapshot = Run(new CatalogEvents().View("s1", "A", "old").View("s1", "A").View("s2", "A", "new"));

        Assert.Equal("new", snapshot.CategoryOf("A"));
        Assert.Null(snapshot.CategoryOf("unknown"));
    }

    [Fact]
    public void Snapshots_count_up_and_are_as_of_the_latest_event_time()
    {
        var model = new CatalogModel(new CatalogOptions());
        var events = new CatalogEvents().At(CatalogEvents.Start.AddHours(1)).View("s", "A").At(CatalogEvents.Start).View("s", "B");

        events.Feed(model);
        var first = model.Publish();
        var second = model.Publish();

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(CatalogEvents.Start.AddHours(1), first.AsOf);
        Assert.Equal(0, CatalogSnapshot.Empty.Version);
        Assert.Empty(CatalogSnapshot.Empty.Related("A"));
    }

    [Fact]
    public void Relations_published_earlier_stay_when_later_events_concern_other_products()
    {
        var model = new CatalogModel(new CatalogOptions());
        new CatalogEvents().Views("s1", "A", "B").Feed(model);
        var before = model.Publish();
        new CatalogEvents().Views("s2", "C", "D").Feed(model);

        var after = model.Publish();

        Assert.Equal(before.Related("A"), after.Related("A"));
        Assert.Equal(["D"], after.Related("C").Select(r => r.ProductId));
        Assert.Empty(before.Related("C"));
    }

    [Fact]
    public void Replaying_the_same_stream_gives_the_same_snapshot()
    {
        var events = new CatalogEvents();
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var session = $"s{random.Next(50)}";
            var product = $"p{random.Next(40)}";
            var roll = random.Next(10);
            events.Add(session, roll < 7 ? ClickType.ProductView : roll < 9 ? ClickType.AddToCart : ClickType.Purchase,
                product, $"c{product.Length}");
        }
        var options = new CatalogOptions { MaxItems = 30, MaxRelationsPerItem = 5, PublishedRelationsPerItem = 3, MaxTrackedSessions = 20, TrendBucket = TimeSpan.FromSeconds(10), TrendShortWindow = TimeSpan.FromMinutes(1), TrendLongWindow = TimeSpan.FromMinutes(10), MinTrendingEvents = 3, MinEmergingEvents = 2, MinHistoryEvents = 3 };

        var first = CatalogSnapshotCodec.Encode(events.Feed(new CatalogModel(options)).Publish());
        var second = CatalogSnapshotCodec.Encode(events.Feed(new CatalogModel(options)).Publish());

        Assert.Equal(first, second);
    }
}
