using Journeys.Contracts.DeadLetters;

namespace Journeys.Contracts.Events;

/// <summary>Either a valid event or the reason it was rejected; never both.</summary>
public readonly record struct DecodeResult(ClickEvent? Event, DeadLetterReason Reason, string? Detail)
{
    public bool IsValid => Event is not null;

    public static DecodeResult Ok(ClickEvent e) => new(e, default, null);

    public static DecodeResult Fail(DeadLetterReason reason, string detail) => new(null, reason, detail);
}
