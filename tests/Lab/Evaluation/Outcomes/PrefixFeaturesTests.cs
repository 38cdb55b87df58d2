using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class PrefixFeaturesTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 6, 0, 0, TimeSpan.Zero);

    // view p1 (10) · add 2 × p1 · view p2 (30) · add p2 · remove 1 × p1 · search · purchase p2
    private static readonly ClickEvent[] Session =
    [
        Click(0, ClickType.ProductView, "p1", 10),
        Click(5, ClickType.AddToCart, "p1", 10, quantity: 2),
        Click(65, ClickType.ProductView, "p2", 30, category: "c2"),
        Click(70, ClickType.AddToCart, "p2", 30),
        Click(100, ClickType.RemoveFromCart, "p1", quantity: 1),
        Click(160, ClickType.Search),
        Click(400, ClickType.Purchase, "p2", 30),
    ];

    [Fact]
    public void Cart_value_follows_adds_removes_and_purchases()
    {
        var rows = PrefixFeatures.Extract(Session);
        var value = PrefixFeatures.IndexOf("cart_value_log1p");
        var lines = PrefixFeatures.IndexOf("cart_lines");
        // 0 → 2×10 → 20 → 20 + 30 → 1×10 + 30 → 40 → the purchase of p2 empties its line → 10.
        double[] expected = [0, 20, 20, 50, 40, 40, 10];
        Assert.Equal(expected.Select(v => Math.Log(1 + v)), rows.Select(r => r[value]));
        Assert.Equal([0.0, 1, 1, 2, 2, 2, 1], rows.Select(r => r[lines]));
    }

    [Fact]
    public void Counts_recency_duration_and_prices_describe_the_prefix()
    {
        var rows = PrefixFeatures.Extract(Session);
        var last = rows[^1];
        Assert.Equal(Math.Log(1 + 7), last[PrefixFeatures.IndexOf("events_log1p")]);
        Assert.Equal(Math.Log(1 + 2), last[PrefixFeatures.IndexOf("count_product_view_log1p")]);
        Assert.Equal(Math.Log(1 + 2), last[PrefixFeatures.IndexOf("count_add_to_cart_log1p")]);
        Assert.Equal(Math.Log(1 + 2), last[PrefixFeatures.IndexOf("distinct_products_log1p")]);
        Assert.Equal(Math.Log(1 + 2), last[PrefixFeatures.IndexOf("distinct_categories_log1p")]);
        Assert.Equal(Math.Log(1 + 240), last[PrefixFeatures.IndexOf("recency_seconds_log1p")]);
        Assert.Equal(Math.Log(1 + 400), last[PrefixFeatures.IndexOf("duration_seconds_log1p")]);
        Assert.Equal(Math.Log(1 + 30), last[PrefixFeatures.IndexOf("max_price_viewed_log1p")]);
        Assert.Equal(Math.Log(1 + 20), last[PrefixFeatures.IndexOf("mean_price_viewed_log1p")]);
        Assert.Equal((1.0, 1.0, 1.0), (last[PrefixFeatures.IndexOf("has_searched")], last[PrefixFeatures.IndexOf("has_purchased")],
            last[PrefixFeatures.IndexOf("current_purchase")]));
        Assert.Equal(0, rows[0][PrefixFeatures.IndexOf("recency_seconds_log1p")]);
        Assert.Equal(0, rows[4][PrefixFeatures.IndexOf("has_searched")]);
        // 06:00 UTC is a quarter turn of the day.
        Assert.Equal(1, rows[0][PrefixFeatures.IndexOf("hour_sin")], 9);
    }

    [Fact]
    public void A_step_sees_only_its_prefix()
    {
        var full = PrefixFeatures.Extract(Session);
        for (var t = 0; t < Session.Length; t++)
        {
            var prefix = PrefixFeatures.Extract(Session[..(t + 1)]);
            Assert.Equal(full[t], prefix[^1]);
        }
    }

    [Fact]
    public void Every_row_has_one_value_per_name()
    {
        Assert.All(PrefixFeatures.Extract(Session), r => Assert.Equal(PrefixFeatures.Names.Count, r.Length));
        Assert.Equal(PrefixFeatures.Names.Count, PrefixFeatures.Names.Distinct().Count());
        Assert.Throws<ArgumentException>(() => PrefixFeatures.IndexOf("no_such_feature"));
    }

    private static ClickEvent Click(int second, ClickType type, string? product = null, double? price = null,
        int? quantity = null, string category = "c1") =>
        new($"e{second}", "s", null, Start.AddSeconds(second), type, product, product is null ? null : category, price, quantity);
}
