using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Ingest.Kafka;

namespace Journeys.Engine;

/// <summary>What became of one consumed record: a decision to publish, or a dead letter to publish.</summary>
/// <remarks><see cref="Json"/>: the decision's wire JSON as its session wrote it (null: write it from <see cref="Decision"/>).</remarks>
internal readonly record struct RecordResult(ConsumedRecord Record, Decision? Decision, byte[]? Json, DeadLetterReason Reason, string? Detail)
{
    public static RecordResult Decided(ConsumedRecord record, Decision decision, byte[]? json) => new(record, decision, json, default, null);

    public static RecordResult Dead(ConsumedRecord record, DeadLetterReason reason, string detail) => new(record, null, null, reason, detail);
}
