namespace Journeys.Scoring.Model;

/// <summary>
/// One epoch of the learning curve: mean training loss (next-item cross-entropy plus weighted outcome losses),
/// the same on the validation sessions, and validation next-item HR@20 / MRR@20 over every validation prefix.
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double ValidationHr20,
    double ValidationMrr20,
    double LearningRate,
    double Seconds,
    double EventsPerSecond);
