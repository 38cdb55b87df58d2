namespace Journeys.Scoring.Model;

/// <summary>
/// What <c>Journeys.Lab.Training.OutcomeHeadRefit</c> decided for one model: per head, whether the refit replaced the trained head and
/// both heads' log-loss on the validation sessions' steps (NaN where there were none).
/// </summary>
public sealed record OutcomeHeadChoice(
    bool ConversionRefit,
    double ConversionTrainedLogLoss,
    double ConversionRefitLogLoss,
    bool FrictionRefit,
    double FrictionTrainedLogLoss,
    double FrictionRefitLogLoss,
    int TrainingSteps,
    int ValidationSteps);
