using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Lab.Tests.Evaluation.NextItem;

public sealed class RecommendationListsTests
{
    // Training clicks: a ×4, b ×2, c ×2, d ×1 — so the items by frequency are a, b, c, d.
    private static NextItemSplit Split() =>
        NextItemSplit.FromTestSessions("t", [["a", "b", "a"], ["a", "c", "a"], ["b", "c", "d"]], [], "sha");

    [Fact]
    public void Coverage_counts_distinct_listed_training_items_over_all_training_items()
    {
        var lists = new RecommendationLists(Split());

        lists.Add(["a", "b"]);
        lists.Add(["b", "unknown"]);

        Assert.Equal(2 / 4.0, lists.Result().Coverage20, 12);
    }

    [Fact]
    public void First_item_share_is_the_share_of_cases_led_by_the_most_common_first_item()
    {
        var lists = new RecommendationLists(Split());

        lists.Add(["c", "a"]);
        lists.Add(["c", "b"]);
        lists.Add(["a", "c"]);
        lists.Add(Array.Empty<string>());

        var result = lists.Result();
        Assert.Equal("c", result.MostCommonFirst);
        Assert.Equal(2 / 4.0, result.MostCommonFirstShare, 12);
    }

    [Fact]
    public void Popularity_percentile_is_the_mid_rank_of_training_clicks_with_ties_sharing_one_value()
    {
        var lists = new RecommendationLists(Split());
        lists.Add(["a"]);
        var most = lists.Result().PopularityPercentile;
        lists = new RecommendationLists(Split());
        lists.Add(["b"]);
        var tied = lists.Result().PopularityPercentile;
        lists = new RecommendationLists(Split());
        lists.Add(["c"]);

        // d (1 click) is below; b and c (2 clicks) share ranks 2–3 of 4: 100 × (1 + 2 / 2) / 4.
        Assert.Equal(100 * 3.5 / 4, most, 12);
        Assert.Equal(50, tied, 12);
        Assert.Equal(tied, lists.Result().PopularityPercentile, 12);
    }

    [Fact]
    public void Only_the_first_twenty_entries_of_a_list_count()
    {
        var split = NextItemSplit.FromTestSessions("t", [Enumerable.Range(0, 30).Select(i => $"i{i}").ToArray()], [], "sha");
        var lists = new RecommendationLists(split);

        lists.Add(split.Items.ToArray());

        Assert.Equal(20 / 30.0, lists.Result().Coverage20, 12);
    }
}
