namespace Journeys.Scoring.Model;

/// <summary>
/// What a trained model file says about its training (stored in <c>ModelMetadata.Training</c>): the data and its
/// checksum, the full configuration, the learning curve and which epoch's weights were kept.
/// </summary>
public sealed record TrainingRecord(
    string Dataset,
    string DataSha256,
    TrainingOptions Options,
    int TrainSessions,
    int ValidationSessions,
    int BestEpoch,
    double TrainSeconds,
    IReadOnlyList<EpochRecord> Curve,
    string StopReason)
{
    /// <summary>What the outcome-head refit decided (<c>Journeys.Lab.Training.OutcomeHeadRefit</c>); null when it did not run (older files, unlabelled data).</summary>
    public OutcomeHeadChoice? OutcomeHeads { get; init; }

    /// <summary>The average of epochs' weights kept instead of <see cref="BestEpoch"/>'s alone; null when none was better (or older files).</summary>
    public EpochAverage? Average { get; init; }
}
