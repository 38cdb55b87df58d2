using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>A progress report during training: where it is, the running loss and the throughput.</summary>
/// <see cref="Completed"/> is set once per epoch, after validation.
public readonly record struct TrainingProgress(int Epoch, int Batch, int Batches, double Loss, double EventsPerSecond, TimeSpan Elapsed,
    EpochRecord? Completed = null)
{
    public override string ToString() => Completed is { } e
        ? $"epoch {Epoch} done: train loss {e.TrainLoss:F4} validation loss {e.ValidationLoss:F4} HR@20 {e.ValidationHr20:P2} MRR@20 {e.ValidationMrr20:P2} {e.EventsPerSecond:N0} events/s elapsed {Elapsed:hh\\:mm\\:ss}"
        : $"epoch {Epoch} batch {Batch}/{Batches} loss {Loss:F4} {EventsPerSecond:N0} events/s elapsed {Elapsed:hh\\:mm\\:ss}";
}
