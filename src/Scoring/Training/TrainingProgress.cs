namespace Journeys.Scoring.Training;

/// <summary>A progress report during training: where it is, the running loss and the throughput.</summary>
public readonly record struct TrainingProgress(int Epoch, int Batch, int Batches, double Loss, double EventsPerSecond, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"epoch {Epoch} batch {Batch}/{Batches} loss {Loss:F4} {EventsPerSecond:N0} events/s elapsed {Elapsed:hh\\:mm\\:ss}";
}
