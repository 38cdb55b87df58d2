namespace Journeys.Contracts.DeadLetters;

/// <summary>Why an event went to the dead-letter topic. <see cref="DeadLetterReasons.ToCode"/> gives the wire code.</summary>
public enum DeadLetterReason
{
    InvalidJson,
    MissingField,
    UnknownType,
    InvalidValue,
    PayloadTooLarge,
    DuplicateEvent,
    /// <summary>The engine could not decide the event (the model step failed); the event is kept, not dropped.</summary>
    ProcessingFailed,
}
