using Confluent.Kafka;

namespace Journeys.Tests.Support;

/// <summary>Reads a topic back as a downstream service would: a fresh group from the earliest offset.</summary>
public static class TopicReader
{
    /// <summary>A string consumer in a group of its own (<paramref name="group"/>), from the earliest offset, subscribed to <paramref name="topic"/>.</summary>
    public static IConsumer<string, string> Subscribe(string bootstrapServers, string topic, string group)
    {
        var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        return consumer;
    }

    /// <summary>The distinct values consumed until <paramref name="count"/> are seen or <paramref name="timeout"/> passes.</summary>
    public static HashSet<string> DistinctValues(IConsumer<string, string> consumer, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (seen.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } record)
            {
                seen.Add(record.Message.Value);
            }
        }
        return seen;
    }
}
