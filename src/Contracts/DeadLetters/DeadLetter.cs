namespace Journeys.Contracts.DeadLetters;

/// <summary>
/// What lands on <c>journeys.clicks.dlq</c>: the reason, a human explanation, where the record came from, and the
/// original payload byte for byte, so nothing is lost and the event can be replayed once fixed.
/// </summary>
public sealed record DeadLetter(
    string Reason,
    string Detail,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string PayloadBase64);
