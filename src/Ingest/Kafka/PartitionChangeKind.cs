namespace Journeys.Ingest.Kafka;

public enum PartitionChangeKind
{
    Assigned,

    /// <summary>Given up in an orderly rebalance, after in-flight records were waited for and committed.</summary>
    Revoked,

    /// <summary>Taken away without a chance to commit (session timeout); another member may already own it.</summary>
    Lost,
}
