using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// The outcome evaluation of one dataset: the time split, and model vs baseline for conversion and friction. Produced by
/// <see cref="OutcomeEvaluation.Run"/>; renders as JSON properties, a markdown fragment and calibration charts.
/// </summary>
public sealed class OutcomeReport
{
    public OutcomeReport(
        string? datasetName,
        int trainSessions,
        int testSessions,
        int trainSteps,
        int testSteps,
        DateTimeOffset? testStart,
        double trainFraction,
        OutcomeTaskReport conversion,
        OutcomeTaskReport friction)
    {
        ArgumentNullException.ThrowIfNull(conversion);
        ArgumentNullException.ThrowIfNull(friction);
        DatasetName = datasetName;
        TrainSessions = trainSessions;
        TestSessions = testSessions;
        TrainSteps = trainSteps;
        TestSteps = testSteps;
        TestStart = testStart;
        TrainFraction = trainFraction;
        Conversion = conversion;
        Friction = friction;
    }

    public string? DatasetName { get; }
    public int TrainSessions { get; }
    public int TestSessions { get; }
    public int TrainSteps { get; }
    public int TestSteps { get; }

    /// <summary>Start of the earliest test session; every train session starts at or before it.</summary>
    public DateTimeOffset? TestStart { get; }

    public double TrainFraction { get; }
    public OutcomeTaskReport Conversion { get; }
    public OutcomeTaskReport Friction { get; }

    public OutcomeTaskReport this[OutcomeTask task] => task == OutcomeTask.Conversion ? Conversion : Friction;

    /// <summary>
    /// Writes <c>"conversion": {…}, "friction": {…}, "outcomeSplit": {…}</c> as properties of the object the writer is in,
    /// so the evaluate command can place them beside its own sections.
    /// </summary>
    public void WriteJsonProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("conversion");
        Conversion.WriteJson(writer);
        writer.WritePropertyName("friction");
        Friction.WriteJson(writer);
        writer.WriteStartObject("outcomeSplit");
        writer.WriteString("method", "sessions by start time; earliest train, latest test; every step of every test session scored");
        writer.WriteNumber("trainFraction", TrainFraction);
        writer.WriteNumber("trainSessions", TrainSessions);
        writer.WriteNumber("testSessions", TestSessions);
        writer.WriteNumber("trainSteps", TrainSteps);
        writer.WriteNumber("testSteps", TestSteps);
        if (TestStart is { } start)
        {
            writer.WriteString("testStart", start);
        }
        writer.WriteEndObject();
    }

    /// <summary>The report as a standalone JSON object (the properties of <see cref="WriteJsonProperties"/>).</summary>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            WriteJsonProperties(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <c>conversion-calibration.png</c> and <c>friction-calibration.png</c>; returns their paths.</summary>
    public IReadOnlyList<string> WriteCharts(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var task in new[] { Conversion, Friction })
        {
            var name = task.Task == OutcomeTask.Conversion ? "conversion" : "friction";
            var path = Path.Combine(directory, $"{name}-calibration.png");
            var title = string.Create(CultureInfo.InvariantCulture,
                $"{name} calibration — {DatasetName ?? "test split"} ({task.TestSteps:N0} test steps, {task.Positives:N0} positive)");
            CalibrationChart.Write(path, title, task.ModelCalibration, task.BaselineCalibration);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>A markdown fragment (heading level 3): protocol line and one table row per task.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.Append(c, $"### Outcome heads — {DatasetName ?? "dataset"}\n\n");
        md.Append(c, $"Time split by session start: earliest {TrainFraction * 100:0.#}% of sessions train the baseline ({TrainSessions:N0} sessions, {TrainSteps:N0} steps), ");
        md.Append(c, $"latest {(1 - TrainFraction) * 100:0.#}% test ({TestSessions:N0} sessions, {TestSteps:N0} steps, from {TestStart:yyyy-MM-dd HH:mm:ss} UTC). ");
        md.Append("Every step of every test session is scored. Baseline: L2 logistic regression on prefix features. ");
        md.Append("Prior: the constant train positive rate. Brackets: bootstrap 95 % intervals, test sessions resampled 1,000 times.\n\n");
        md.Append("| task | positives / steps | AUC model | AUC baseline | AUC model − baseline | log-loss model | log-loss baseline | log-loss prior | Brier model | Brier baseline | ECE model | ECE baseline |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var t in new[] { Conversion, Friction })
        {
            md.Append(c, $"| {(t.Task == OutcomeTask.Conversion ? "conversion" : "friction")} | {t.Positives:N0} / {t.TestSteps:N0} ");
            md.Append(c, $"| {F(t.Auc)} {I(t.AucIntervals.Model)} | {F(t.BaselineAuc)} {I(t.AucIntervals.Baseline)} | {I(t.AucIntervals.Gain)} | {F(t.LogLoss)} | {F(t.BaselineLogLoss)} | {F(t.PriorLogLoss)} ");
            md.Append(c, $"| {F(t.Brier)} | {F(t.BaselineBrier)} | {F(t.CalibrationError)} | {F(t.BaselineCalibrationError)} |\n");
        }
        if (Conversion.Positives == 0 || Friction.Positives == 0)
        {
            md.Append("\nn/a: the test steps hold one class only, so the AUC is undefined (a dataset without cart or checkout events has no friction positives).\n");
        }
        return md.ToString();
    }

    private static string I(AucInterval i) => double.IsFinite(i.Low) ? $"[{F(i.Low)}, {F(i.High)}]" : "";

    private static string F(double value) =>
        double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
