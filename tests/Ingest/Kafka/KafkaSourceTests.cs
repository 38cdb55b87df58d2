using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.Tests.Kafka;

public class KafkaSourceTests : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly KafkaFixture _kafka;

    public KafkaSourceTests(KafkaFixture kafka) => _kafka = kafka;

    [Fact]
    public async Task Records_flow_through_the_source_and_completed_offsets_are_committed()
    {
        var topic = _kafka.NewTopic();
        var group = Unique.Group();
        _kafka.ProduceToEachPartition(topic, perPartition: 10);

        var (control, received) = _kafka.Run(_kafka.Options(topic, group));
        await Poll.Until(() => received.Count == 40, Wait, () => $"received {received.Count} of 40 records");
        Assert.All(received, r => Assert.Equal($"session-{r.Partition}", r.Key));
        foreach (var record in received)
        {
            Assert.True(record.Complete());
        }
        await Poll.Until(() => control.CommittedOffsets.Count == 4 && control.CommittedOffsets.Values.All(o => o == 10),
            Wait, () => $"committed {string.Join(", ", control.CommittedOffsets)}");
        await control.StopAsync(TimeSpan.FromSeconds(2)).WaitAsync(Wait);

        Assert.All(_kafka.CommittedByGroup(topic, group).Values, offset => Assert.Equal(10, offset));
        Assert.Equal(40, control.Consumed);
    }

    [Fact]
    public async Task Commit_never_passes_an_uncompleted_record_and_restart_resumes_there()
    {
        var topic = _kafka.NewTopic();
        var group = Unique.Group();
        _kafka.ProduceToEachPartition(topic, perPartition: 10);

        var (control, received) = _kafka.Run(_kafka.Options(topic, group));
        await Poll.Until(() => received.Count == 40, Wait, () => $"received {received.Count} of 40 records");
        // Partition 0, offset 5 stays unfinished (its decision never delivered); everything after it completes.
        foreach (var record in received.Where(r => !(r.Partition == 0 && r.Offset == 5)))
        {
            record.Complete();
        }
        await Poll.Until(() => control.CommittedOffsets.Count == 4, Wait,
            () => $"committed {string.Join(", ", control.CommittedOffsets)}");
        await control.StopAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(Wait);

        var committed = _kafka.CommittedByGroup(topic, group);
        Assert.Equal(5, committed[0]);
        Assert.All(committed.Where(c => c.Key != 0), c => Assert.Equal(10, c.Value));

        // A restarted instance gets offset 5 again (and what follows it on that partition), nothing already done.
        var (again, redelivered) = _kafka.Run(_kafka.Options(topic, group));
        await Poll.Until(() => redelivered.Count >= 5, Wait, () => $"redelivered {redelivered.Count} of 5 records; assigned {again.Assignment.Count}, consumed {again.Consumed}");
        await Task.Delay(300);
        Assert.Equal([5L, 6L, 7L, 8L, 9L], redelivered.Select(r => r.Offset).Order().ToArray());
        Assert.All(redelivered, r => Assert.Equal(0, r.Partition));
        await again.StopAsync(TimeSpan.Zero).WaitAsync(Wait);
    }

    [Fact]
    public async Task Partitions_pause_when_nothing_completes_and_resume_when_records_complete()
    {
        var topic = _kafka.NewTopic();
        var group = Unique.Group();
        _kafka.ProduceToEachPartition(topic, perPartition: 30);
        var options = _kafka.Options(topic, group);
        options.MaxInFlightPerPartition = 10;

        var (control, received) = _kafka.Run(options);
        await Poll.Until(() => received.Count >= 40, Wait, () => $"received {received.Count} of at least 40");
        await Task.Delay(500);
        var plateau = control.Consumed;
        Assert.True(plateau <= 4 * options.MaxInFlightPerPartition * 2,
            $"consumed {plateau} records with nothing completed; expected about {4 * options.MaxInFlightPerPartition}");

        // Completing everything that arrives lets the partitions resume until the topic is drained.
        // librdkafka re-decides fetching on its broker thread's ~1 s wake-up, so each resume costs up to a second:
        // the topic holds few enough records for two or three pause/resume rounds.
        var completer = Task.Run(async () =>
        {
            // Consumed counts records taken from Kafka, some of which may still wait in the buffer: wait for all 120 to
            // reach the stream and be completed, or the final watermark legitimately stops below them.
            while (received.Count < 120 || received.Any(r => !r.IsCompleted))
            {
                foreach (var record in received)
                {
                    record.Complete();
                }
                await Task.Delay(5);
            }
        });
        await completer.WaitAsync(Wait);
        Assert.Equal(120, control.Consumed);
        await control.StopAsync(TimeSpan.FromSeconds(1)).WaitAsync(Wait);
        Assert.All(_kafka.CommittedByGroup(topic, group).Values, offset => Assert.Equal(30, offset));
    }

    [Fact]
    public async Task Assignment_changes_are_reported_and_stop_revokes_them()
    {
        var topic = _kafka.NewTopic();
        var changes = new System.Collections.Concurrent.ConcurrentQueue<PartitionChange>();
        var (control, _) = _kafka.Run(_kafka.Options(topic, Unique.Group()), changes.Enqueue);
        await Poll.Until(() => control.Assignment.Count == 4, Wait, () => $"assigned {control.Assignment.Count} of 4");
        await control.StopAsync(TimeSpan.Zero).WaitAsync(Wait);

        Assert.Equal(4, changes.Where(c => c.Kind == PartitionChangeKind.Assigned).Sum(c => c.Partitions.Count));
        Assert.Equal(4, changes.Where(c => c.Kind == PartitionChangeKind.Revoked).Sum(c => c.Partitions.Count));
        Assert.Empty(control.Assignment);
    }

    [Fact]
    public async Task Late_acks_from_a_revoked_assignment_are_ignored_and_the_records_are_redelivered()
    {
        var topic = _kafka.NewTopic();
        var group = Unique.Group();
        _kafka.ProduceToEachPartition(topic, perPartition: 10);
        var options = _kafka.Options(topic, group);
        options.RevokeTimeout = TimeSpan.FromMilliseconds(300);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<PartitionChange>();

        var (first, firstReceived) = _kafka.Run(options, changes.Enqueue);
        await Poll.Until(() => firstReceived.Count == 40, Wait, () => $"received {firstReceived.Count} of 40");

        // A second member joins: cooperative rebalancing moves some partitions over while nothing was acknowledged.
        var (second, secondReceived) = _kafka.Run(options);
        await Poll.Until(() => changes.Any(c => c.Kind == PartitionChangeKind.Revoked), Wait,
            () => "the first member never had a partition revoked");
        var revoked = changes.Where(c => c.Kind == PartitionChangeKind.Revoked).SelectMany(c => c.Partitions)
            .Select(p => p.Partition.Value).ToHashSet();

        var late = firstReceived.Where(r => revoked.Contains(r.Partition)).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.False(r.Complete(), $"late ack of {r} moved a revoked assignment"));
        await Poll.Until(() => secondReceived.Count == late.Count, Wait,
            () => $"the new owner got {secondReceived.Count} of the {late.Count} unacknowledged records");

        await Task.WhenAll(first.StopAsync(TimeSpan.Zero), second.StopAsync(TimeSpan.Zero)).WaitAsync(Wait);
    }
}
