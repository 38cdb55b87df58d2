namespace Journeys.Contracts.Events;

/// <summary>
/// One click as the website collectors publish it on <c>journeys.clicks</c> (Kafka key = <see cref="SessionId"/>).
/// Instances produced by <see cref="ClickEventCodec.Decode"/> are valid by construction.
/// </summary>
public sealed record ClickEvent(
    string EventId,
    string SessionId,
    string? UserId,
    DateTimeOffset Timestamp,
    ClickType Type,
    string? ProductId = null,
    string? CategoryId = null,
    double? Price = null,
    int? Quantity = null,
    string? Query = null,
    string? Channel = null);
