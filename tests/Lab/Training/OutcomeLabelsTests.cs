using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Lab.Training;

namespace Journeys.Lab.Tests.Training;

public sealed class OutcomeLabelsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static List<ClickEvent> Session(params ClickType[] types) =>
        [.. types.Select((t, i) => new ClickEvent($"e{i}", "s", null, T0.AddSeconds(i), t,
            ClickTypes.RequiresProduct(t) ? "p" : null, Query: t == ClickType.Search ? "q" : null))];

    [Fact]
    public void Conversion_is_true_only_before_a_later_purchase()
    {
        var labels = OutcomeLabels.For(Session(ClickType.ProductView, ClickType.AddToCart, ClickType.Purchase, ClickType.PageView), true);

        Assert.Equal([true, true, false, false], labels.Converts);
        Assert.Equal(JourneyStage.Purchase, labels.FurthestStage);
    }

    [Fact]
    public void Friction_marks_a_session_that_showed_intent_and_leaves_without_buying()
    {
        var abandoned = OutcomeLabels.For(Session(ClickType.ProductView, ClickType.AddToCart, ClickType.ProductView), true);
        var browsing = OutcomeLabels.For(Session(ClickType.ProductView, ClickType.ProductView), true);

        Assert.Equal([true, true, true], abandoned.Friction);
        Assert.Equal([false, false], browsing.Friction);
        Assert.Equal(JourneyStage.Intent, abandoned.FurthestStage);
    }

    [Fact]
    public void Friction_turns_false_once_the_purchase_is_ahead_and_true_again_after_it_if_a_new_cart_is_abandoned()
    {
        var labels = OutcomeLabels.For(Session(ClickType.AddToCart, ClickType.Purchase, ClickType.AddToCart), true);

        Assert.Equal([false, true, true], labels.Friction);
        Assert.Equal(JourneyStage.Loyalty, labels.FurthestStage);
    }

    [Fact]
    public void Datasets_without_purchases_mark_their_labels_unknown()
    {
        Assert.False(OutcomeLabels.For(Session(ClickType.ProductView), datasetHasOutcomes: false).Known);
    }
}
