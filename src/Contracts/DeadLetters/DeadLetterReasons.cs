namespace Journeys.Contracts.DeadLetters;

public static class DeadLetterReasons
{
    public static string ToCode(DeadLetterReason reason) => reason switch
    {
        DeadLetterReason.InvalidJson => "invalid_json",
        DeadLetterReason.MissingField => "missing_field",
        DeadLetterReason.UnknownType => "unknown_type",
        DeadLetterReason.InvalidValue => "invalid_value",
        DeadLetterReason.PayloadTooLarge => "payload_too_large",
        DeadLetterReason.DuplicateEvent => "duplicate_event",
        DeadLetterReason.ProcessingFailed => "processing_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a dead-letter reason"),
    };
}
