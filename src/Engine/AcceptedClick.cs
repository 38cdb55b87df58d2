using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Events;
using Journeys.Ingest.Kafka;

namespace Journeys.Engine;

/// <summary>A consumed record and its decoded event, or why it is refused (then <see cref="Event"/> is null).</summary>
internal sealed record AcceptedClick(ConsumedRecord Record, ClickEvent? Event, DeadLetterReason Reason, string? Detail);
