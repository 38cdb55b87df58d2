using System.Text.Json;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// Model and baseline on one outcome task, over every step of every test session. AUCs are NaN when the test steps hold
/// one class only (see <see cref="BinaryMetrics.RocAuc"/>). The prior is the constant train positive rate: a model that
/// does not beat its log-loss and Brier score has learned nothing usable about calibration.
/// </summary>
public sealed record OutcomeTaskReport(
    OutcomeTask Task,
    int TestSteps,
    int Positives,
    int Negatives,
    double TrainPositiveRate,
    double Auc,
    double LogLoss,
    double Brier,
    double CalibrationError,
    double BaselineAuc,
    double BaselineLogLoss,
    double BaselineBrier,
    double BaselineCalibrationError,
    double PriorLogLoss,
    double PriorBrier,
    IReadOnlyList<CalibrationBin> ModelCalibration,
    IReadOnlyList<CalibrationBin> BaselineCalibration)
{
    /// <summary>Bootstrap 95 % intervals (sessions resampled) of the model's AUC, the baseline's, and model − baseline.</summary>
    public (AucInterval Model, AucInterval Baseline, AucInterval Gain) AucIntervals { get; init; } =
        (new(double.NaN, double.NaN), new(double.NaN, double.NaN), new(double.NaN, double.NaN));

    /// <summary>
    /// Writes this task as one JSON object (the evaluate JSON's <c>"conversion"</c> / <c>"friction"</c> value):
    /// <c>auc</c>, <c>logloss</c>, <c>baselineAuc</c> first, then the other figures and the calibration bins.
    /// JSON has no NaN, so an undefined figure is written as null.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        Number(writer, "auc", Auc);
        Number(writer, "logloss", LogLoss);
        Number(writer, "baselineAuc", BaselineAuc);
        Number(writer, "baselineLogloss", BaselineLogLoss);
        Interval(writer, "aucInterval", AucIntervals.Model);
        Interval(writer, "baselineAucInterval", AucIntervals.Baseline);
        Interval(writer, "aucGainInterval", AucIntervals.Gain);
        Number(writer, "brier", Brier);
        Number(writer, "baselineBrier", BaselineBrier);
        Number(writer, "calibrationError", CalibrationError);
        Number(writer, "baselineCalibrationError", BaselineCalibrationError);
        Number(writer, "priorLogloss", PriorLogLoss);
        Number(writer, "priorBrier", PriorBrier);
        Number(writer, "trainPositiveRate", TrainPositiveRate);
        writer.WriteNumber("testSteps", TestSteps);
        writer.WriteNumber("positives", Positives);
        writer.WriteNumber("negatives", Negatives);
        writer.WriteStartObject("calibration");
        Bins(writer, "model", ModelCalibration);
        Bins(writer, "baseline", BaselineCalibration);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Bins(Utf8JsonWriter writer, string name, IReadOnlyList<CalibrationBin> bins)
    {
        writer.WriteStartArray(name);
        foreach (var b in bins)
        {
            writer.WriteStartObject();
            writer.WriteNumber("lower", b.Lower);
            writer.WriteNumber("upper", b.Upper);
            writer.WriteNumber("count", b.Count);
            Number(writer, "meanPredicted", b.MeanPredicted);
            Number(writer, "observedRate", b.ObservedRate);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>An interval as <c>[low, high]</c>, or null where it is undefined.</summary>
    private static void Interval(Utf8JsonWriter writer, string name, AucInterval interval)
    {
        if (!double.IsFinite(interval.Low) || !double.IsFinite(interval.High))
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartArray(name);
        writer.WriteNumberValue(interval.Low);
        writer.WriteNumberValue(interval.High);
        writer.WriteEndArray();
    }

    internal static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
