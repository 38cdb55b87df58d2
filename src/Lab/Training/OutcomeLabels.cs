using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Journey;

namespace Journeys.Lab.Training;

/// <summary>
/// The training labels of one session, per step (docs/model.md, "Conversion and friction"):
/// <list type="bullet">
/// <item><b>conversion</b> at step t — a purchase happens at a later step (t' &gt; t);</item>
/// <item><b>friction</b> at step t — the session shows intent (a cart add or checkout) at some step and no purchase
/// happens after step t: it is abandoning;</item>
/// <item><b>furthest stage</b> — the furthest <see cref="JourneyStage"/> the session reaches (same for every step), by
/// the engine's own <see cref="JourneyProgress"/> rules.</item>
/// </list>
/// Datasets without carts and purchases (YOOCHOOSE clicks, the SR-GNN split) cannot tell these apart from "never
/// converts": their outcome heads are masked, not trained on fake negatives — <see cref="Known"/> is false.
/// </summary>
public sealed record OutcomeLabels(bool Known, bool[] Converts, bool[] Friction, JourneyStage FurthestStage)
{
    /// <summary>Labels for a session's events in order. <paramref name="datasetHasOutcomes"/>: the source records purchases.</summary>
    public static OutcomeLabels For(IReadOnlyList<ClickEvent> session, bool datasetHasOutcomes)
    {
        ArgumentNullException.ThrowIfNull(session);
        var n = session.Count;
        var converts = new bool[n];
        var friction = new bool[n];
        var journey = new JourneyProgress();
        var furthest = JourneyStage.Awareness;
        var showsIntent = false;
        foreach (var e in session)
        {
            journey.Apply(e);
            furthest = (JourneyStage)Math.Max((int)furthest, (int)journey.Stage);
            showsIntent |= e.Type is ClickType.AddToCart or ClickType.CheckoutStart;
        }
        var purchaseLater = false;
        for (var t = n - 1; t >= 0; t--)
        {
            converts[t] = purchaseLater;
            friction[t] = showsIntent && !purchaseLater;
            purchaseLater |= session[t].Type == ClickType.Purchase;
        }
        return new OutcomeLabels(datasetHasOutcomes, converts, friction, furthest);
    }
}
