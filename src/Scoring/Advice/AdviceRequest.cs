using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;

namespace Journeys.Scoring.Advice;

/// <summary>One session at one event, as the advisor needs it.</summary>
/// <param name="Event">The event just applied.</param>
/// <param name="Step">The model's step for it (conversion, friction, top next items).</param>
/// <param name="RecentItems">The session's products, most recent first (this event's included).</param>
/// <param name="PurchasedItems">Products the session bought.</param>
/// <param name="Prior">The price this session was shown for the event's product, if it was.</param>
public sealed record AdviceRequest(
    ClickEvent Event,
    StepResult Step,
    IReadOnlyList<string> RecentItems,
    IReadOnlyList<string> PurchasedItems,
    PriorOffer? Prior);
