using Confluent.Kafka;

namespace Journeys.Ingest.Kafka;

/// <summary>An assignment change of the source's consumer, raised on the consumer thread after it is handled.</summary>
public sealed record PartitionChange(PartitionChangeKind Kind, IReadOnlyList<TopicPartition> Partitions);
