using Confluent.Kafka;

namespace Journeys.Tests.Support;

/// <summary>What a consumer group has committed, asked by a separate consumer as a restarted instance would see it.</summary>
public static class GroupOffsets
{
    /// <summary>The group's committed offset per partition of <paramref name="topic"/> (partitions 0 to <paramref name="partitions"/> − 1).</summary>
    public static Dictionary<int, long> Committed(string bootstrapServers, string group, string topic, int partitions)
    {
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        return reader.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }
}
