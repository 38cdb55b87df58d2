using Journeys.Scoring.Maths;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>Settings of <see cref="OutcomeEvaluation.Run"/>; the defaults are the documented evaluation protocol.</summary>
public sealed record OutcomeEvaluationOptions
{
    /// <summary>Share of sessions, earliest first, that train the baseline (<see cref="TimeSplit"/>); default 0.8.</summary>
    public double TrainFraction { get; init; } = TimeSplit.DefaultTrainFraction;

    /// <summary>Equal-width reliability bins over [0, 1]; default 10.</summary>
    public int CalibrationBins { get; init; } = Calibration.DefaultBinCount;

    /// <summary>L2 strength of the baseline's logistic regression (on standardized features); default 1e-3.</summary>
    public double L2 { get; init; } = LogisticRegression.DefaultL2;

    /// <summary>Probability clipping of the log-loss; default 1e-7.</summary>
    public double LogLossEpsilon { get; init; } = BinaryMetrics.DefaultLogLossEpsilon;

    /// <summary>Shown in the markdown and chart titles, e.g. "REES46 2019-Oct first 17,434 events".</summary>
    public string? DatasetName { get; init; }

    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!(TrainFraction is > 0 and < 1)) throw new ArgumentException($"TrainFraction {TrainFraction} must lie strictly between 0 and 1.");
        if (CalibrationBins < 1) throw new ArgumentException($"CalibrationBins {CalibrationBins} must be at least 1.");
        if (!(L2 > 0) || !double.IsFinite(L2)) throw new ArgumentException($"L2 {L2} must be positive and finite.");
        if (!(LogLossEpsilon is > 0 and < 0.5)) throw new ArgumentException($"LogLossEpsilon {LogLossEpsilon} must lie in (0, 0.5).");
    }
}
