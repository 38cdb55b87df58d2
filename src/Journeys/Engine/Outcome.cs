using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Ingest.Kafka;

namespace Journeys.Engine;

/// <summary>What became of one consumed record: a decision to publish, or a dead letter to publish.</summary>
internal readonly record struct Outcome(ConsumedRecord Record, Decision? Decision, DeadLetterReason Reason, string? Detail)
{
    public static Outcome Decided(ConsumedRecord record, Decision decision) => new(record, decision, default, null);

    public static Outcome Dead(ConsumedRecord record, DeadLetterReason reason, string detail) => new(record, null, reason, detail);
}
