namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// One bin of a reliability diagram: predictions in [<see cref="Lower"/>, <see cref="Upper"/>) (the last bin includes
/// 1), how many fell in it, their mean prediction and the observed positive rate. Means are NaN for an empty bin.
/// </summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);
