namespace Journeys.Scoring.Model;

/// <summary>
/// Weights averaged over epochs <paramref name="FirstEpoch"/> to <paramref name="LastEpoch"/> (the kept epoch), kept
/// because their loss on the validation sessions was lower than the kept epoch's own; with their validation ranking.
/// </summary>
public sealed record EpochAverage(int FirstEpoch, int LastEpoch, double ValidationLoss, double ValidationHr20, double ValidationMrr20);
