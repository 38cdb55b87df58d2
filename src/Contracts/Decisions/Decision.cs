namespace Journeys.Contracts.Decisions;

/// <summary>
/// What Journeys emits on <c>journeys.decisions</c> (key = session id), exactly one per accepted event.
/// </summary>
/// <param name="Sequence">The event's 1-based position in its session.</param>
/// <param name="Stage">The current stage by the documented rules over the session's actions so far.</param>
/// <param name="StageProbabilities">The model's forecast of the furthest stage the session will reach.</param>
/// <param name="ModelVersion">The version of the model that produced every figure in this decision.</param>
/// <param name="LatencyMs">From the engine receiving the record to handing this decision to the producer.</param>
/// <param name="CatalogVersion">The catalog snapshot (relations, trends) the recommendations were blended with, as
/// <c>{n}@{published}</c>, unique across engine restarts; null until the catalog stage first publishes.</param>
/// <param name="ForecastVersion">The forecast snapshot (demand, inventory) the rules and the price used; same form.</param>
public sealed record Decision(
    string EventId,
    string SessionId,
    int Sequence,
    JourneyStage Stage,
    StageProbabilities StageProbabilities,
    double ConversionProbability,
    double FrictionScore,
    IReadOnlyList<Recommendation> Recommendations,
    PriceOffer? Price,
    string ModelVersion,
    DateTimeOffset EventTimestamp,
    DateTimeOffset DecidedAt,
    double LatencyMs,
    string? CatalogVersion = null,
    string? ForecastVersion = null);
