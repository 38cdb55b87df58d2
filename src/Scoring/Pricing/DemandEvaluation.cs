namespace Journeys.Scoring.Pricing;

/// <summary>
/// Held-out figures of a demand model: trained on the earlier sessions, scored on the later ones, against a baseline
/// fitted on the same rows without any price feature (does price add anything beyond the session's state?).
/// </summary>
/// <param name="Split">How rows were divided.</param>
/// <param name="Baseline">What the baseline is.</param>
/// <param name="AucStandardError">Hanley–McNeil (1982) standard error of <see cref="Auc"/>: with few test purchases it is wide.</param>
/// <param name="PriorLogLoss">Log-loss of the training purchase rate as a constant: the floor any model must beat.</param>
public sealed record DemandEvaluation(
    string Split,
    int TrainRows,
    int TrainPurchases,
    int TestRows,
    int TestPurchases,
    double Auc,
    double AucStandardError,
    double LogLoss,
    double Brier,
    string Baseline,
    double BaselineAuc,
    double BaselineLogLoss,
    double BaselineBrier,
    double PriorLogLoss);
