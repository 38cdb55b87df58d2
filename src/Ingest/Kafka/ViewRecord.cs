namespace Journeys.Ingest.Kafka;

/// <summary>One record of the clicks topic as the views read it: where it sits and its bytes (decoded by the reader).</summary>
public readonly record struct ViewRecord(int Partition, long Offset, string? Key, byte[] Value);
