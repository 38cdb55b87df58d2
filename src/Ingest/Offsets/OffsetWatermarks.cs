using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Journeys.Ingest.Offsets;

/// <summary>
/// The watermarks of every partition this consumer has owned. A partition keeps its <see cref="PartitionWatermark"/>
/// across assignments; each assignment is a new epoch of it, which is what makes late acknowledgements harmless.
/// </summary>
public sealed class OffsetWatermarks
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionWatermark> _partitions = new();

    /// <summary>Starts a new epoch of the partition (a fresh assignment) and returns its watermark.</summary>
    public PartitionWatermark Assign(TopicPartition partition)
    {
        var watermark = _partitions.GetOrAdd(partition, static tp => new PartitionWatermark(tp.Topic, tp.Partition.Value));
        watermark.BeginEpoch();
        return watermark;
    }

    public PartitionWatermark? Find(TopicPartition partition) =>
        _partitions.TryGetValue(partition, out var watermark) ? watermark : null;

    /// <summary>Registered and not completed, over every partition.</summary>
    public int TotalInFlight => _partitions.Values.Sum(static w => w.InFlight);
}
