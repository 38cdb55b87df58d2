using Confluent.Kafka;

namespace Journeys.LoadTest;

/// <summary>
/// The engine's consumer lag on the clicks topic: end offsets minus its group's committed offsets, refreshed every
/// second on a thread of its own. The queries block (broker round trips with timeouts); on the thread pool they stalled
/// the load generator's pacing for seconds.
/// </summary>
internal sealed class EngineLag : IDisposable
{
    private readonly IConsumer<string?, byte[]> _reader;
    private readonly List<TopicPartition> _partitions;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _latest = -1;

    public EngineLag(string bootstrap, string topic, string engineGroup)
    {
        // Reads committed offsets of the engine's group without joining it (no Subscribe, no Assign).
        _reader = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = engineGroup,
            EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(_reader.Handle).Build();
        _partitions = [.. admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))];
        _thread = new Thread(Run) { IsBackground = true, Name = "loadtest-engine-lag" };
        _thread.Start();
    }

    /// <summary>The last lag read (-1 when unknown).</summary>
    public long Current() => Interlocked.Read(ref _latest);

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            Interlocked.Exchange(ref _latest, Read());
        }
    }

    private long Read()
    {
        try
        {
            var committed = _reader.Committed(_partitions, TimeSpan.FromSeconds(2))
                .ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
            var lag = 0L;
            foreach (var tp in _partitions)
            {
                var end = _reader.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(2)).High.Value;
                var done = committed.TryGetValue(tp.Partition.Value, out var c) && c >= 0 ? c : 0;
                lag += Math.Max(0, end - done);
            }
            return lag;
        }
        catch (KafkaException)
        {
            // A sample that cannot be read is shown as unknown rather than stopping the test.
            return -1;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _reader.Dispose();
        _stop.Dispose();
    }
}
