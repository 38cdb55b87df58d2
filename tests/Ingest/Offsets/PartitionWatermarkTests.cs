using Journeys.Ingest.Offsets;

namespace Journeys.Ingest.Tests.Offsets;

public class PartitionWatermarkTests
{
    private static (PartitionWatermark Watermark, int Epoch) NewPartition()
    {
        var watermark = new PartitionWatermark("clicks", 0);
        return (watermark, watermark.BeginEpoch());
    }

    [Fact]
    public void Nothing_is_committable_before_the_first_registration()
    {
        var (watermark, _) = NewPartition();
        Assert.Null(watermark.Committable);
    }

    [Fact]
    public void Commit_waits_for_every_earlier_offset()
    {
        var (watermark, epoch) = NewPartition();
        var seq = Enumerable.Range(10, 5).Select(o => watermark.Register(o)).ToArray();

        watermark.Complete(epoch, seq[1]);
        watermark.Complete(epoch, seq[3]);
        watermark.Complete(epoch, seq[4]);
        Assert.Equal(10, watermark.Committable);

        watermark.Complete(epoch, seq[0]);
        Assert.Equal(12, watermark.Committable);

        watermark.Complete(epoch, seq[2]);
        Assert.Equal(15, watermark.Committable);
    }

    [Fact]
    public void Offsets_with_gaps_commit_the_next_offset_after_the_last_registered()
    {
        var (watermark, epoch) = NewPartition();
        var a = watermark.Register(3);
        var b = watermark.Register(7);
        watermark.Complete(epoch, b);
        Assert.Equal(3, watermark.Committable);
        watermark.Complete(epoch, a);
        Assert.Equal(8, watermark.Committable);
    }

    [Fact]
    public void Completions_from_an_earlier_epoch_are_ignored()
    {
        var (watermark, oldEpoch) = NewPartition();
        var stale = watermark.Register(0);
        var newEpoch = watermark.BeginEpoch();
        var current = watermark.Register(0);

        Assert.False(watermark.Complete(oldEpoch, stale));
        Assert.False(watermark.Complete(oldEpoch, current));
        Assert.Equal(0, watermark.Committable);
        Assert.Equal(1, watermark.InFlight);

        Assert.True(watermark.Complete(newEpoch, current));
        Assert.Equal(1, watermark.Committable);
    }

    [Fact]
    public void Completing_twice_counts_once()
    {
        var (watermark, epoch) = NewPartition();
        var a = watermark.Register(0);
        var b = watermark.Register(1);
        Assert.True(watermark.Complete(epoch, b));
        Assert.False(watermark.Complete(epoch, b));
        Assert.Equal(1, watermark.InFlight);
        Assert.True(watermark.Complete(epoch, a));
        Assert.False(watermark.Complete(epoch, a));
        Assert.Equal(0, watermark.InFlight);
    }

    [Fact]
    public void In_flight_counts_registered_records_not_yet_completed()
    {
        var (watermark, epoch) = NewPartition();
        var seq = Enumerable.Range(0, 200).Select(o => watermark.Register(o)).ToArray();
        Assert.Equal(200, watermark.InFlight);
        foreach (var s in seq.Where(s => s % 2 == 1))
        {
            watermark.Complete(epoch, s);
        }
        Assert.Equal(100, watermark.InFlight);
        Assert.Equal(0, watermark.Committable);
    }

    [Fact]
    public void Registering_an_offset_out_of_order_is_refused()
    {
        var (watermark, _) = NewPartition();
        watermark.Register(5);
        Assert.Throws<ArgumentOutOfRangeException>(() => watermark.Register(5));
    }

    [Fact]
    public void A_revoking_partition_refuses_to_emit_but_still_counts_completions()
    {
        var (watermark, epoch) = NewPartition();
        var emitted = watermark.Register(0);
        var buffered = watermark.Register(1);
        Assert.True(watermark.TryMarkEmitted(epoch));
        watermark.StopAccepting();

        Assert.False(watermark.TryMarkEmitted(epoch));
        Assert.Equal(1, watermark.EmittedInFlight);
        watermark.Complete(epoch, emitted, wasEmitted: true);
        Assert.Equal(0, watermark.EmittedInFlight);
        // The dropped record stays incomplete: the watermark stops before it.
        Assert.Equal(1, watermark.Committable);
        _ = buffered;
    }

    [Fact]
    public void Committable_never_passes_an_incomplete_offset_under_concurrent_completion()
    {
        var (watermark, epoch) = NewPartition();
        const int count = 20_000;
        var sequences = new long[count];
        for (var i = 0; i < count; i++)
        {
            sequences[i] = watermark.Register(i);
        }
        var random = new Random(42);
        var order = sequences.Where(s => s != sequences[count / 2]).OrderBy(_ => random.Next()).ToArray();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s =>
        {
            watermark.Complete(epoch, s);
            Assert.True(watermark.Committable <= count / 2, "the watermark passed the incomplete offset");
        });
        Assert.Equal(count / 2, watermark.Committable);
        watermark.Complete(epoch, sequences[count / 2]);
        Assert.Equal(count, watermark.Committable);
        Assert.Equal(0, watermark.InFlight);
    }
}
