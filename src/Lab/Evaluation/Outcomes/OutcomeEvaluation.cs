using Journeys.Contracts.Events;
using Journeys.Lab.Training;
using Journeys.Scoring.Maths;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// The honest evaluation of the conversion and friction heads: labels from <see cref="OutcomeLabels"/>, a time split
/// (<see cref="TimeSplit"/>), and an engineered-features baseline (<see cref="PrefixFeatures"/> +
/// <see cref="LogisticRegression"/>) trained on the train sessions in the same run, both scored on every step of every
/// test session with ROC-AUC, log-loss, Brier score and calibration bins.
/// <para>
/// Per step, not per session: the heads answer "after this click, will the session buy / abandon?" at every click, so
/// every click is a test case. Long sessions weigh more; that is the traffic the engine scores. A session-level figure
/// at the last step would be empty of meaning here, since no purchase can follow the last step (conversion is 0 there
/// by definition).
/// </para>
/// </summary>
public static class OutcomeEvaluation
{
    /// <summary>
    /// Groups a stream (as <c>DatasetReader</c> returns it) into sessions: sessions in order of first appearance, each
    /// session's events stable-sorted by timestamp, which the labels need.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ClickEvent>> GroupBySession(IEnumerable<ClickEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sessions = new Dictionary<string, List<ClickEvent>>(StringComparer.Ordinal);
        var order = new List<List<ClickEvent>>();
        foreach (var e in events)
        {
            if (!sessions.TryGetValue(e.SessionId, out var list))
            {
                list = [];
                sessions[e.SessionId] = list;
                order.Add(list);
            }
            list.Add(e);
        }
        return order.Select(s => (IReadOnlyList<ClickEvent>)s.OrderBy(e => e.Timestamp.UtcTicks).ToList()).ToList();
    }

    /// <summary>
    /// Whether the sessions record purchases at all. Click-only data (YOOCHOOSE clicks, the SR-GNN split) cannot tell
    /// "never buys" from "not recorded"; <see cref="OutcomeLabels.Known"/> is false there and nothing can be evaluated.
    /// </summary>
    public static bool HasOutcomes(IReadOnlyList<IReadOnlyList<ClickEvent>> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions.Any(s => s.Any(e => e.Type == ClickType.Purchase));
    }

    /// <param name="sessions">Every session of the dataset, each in time order (see <see cref="GroupBySession"/>).</param>
    /// <param name="modelPerStep">
    /// The model's conversion and friction probability after each event of a test session, one value per event
    /// (<see cref="ModelOutcomes.Predictor"/> for a <c>ScoringModel</c>). Called once per test session only.
    /// </param>
    /// <exception cref="InvalidOperationException">The sessions record no purchase (<see cref="HasOutcomes"/>).</exception>
    public static OutcomeReport Run(
        IReadOnlyList<IReadOnlyList<ClickEvent>> sessions,
        Func<IReadOnlyList<ClickEvent>, (float[] Conversion, float[] Friction)> modelPerStep,
        OutcomeEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(modelPerStep);
        options ??= new OutcomeEvaluationOptions();
        options.Validate();
        if (!HasOutcomes(sessions))
        {
            throw new InvalidOperationException(
                "The dataset records no purchases, so conversion and friction labels are unknown (click-only data); outcome heads cannot be evaluated.");
        }
        var split = TimeSplit.Split(sessions, options.TrainFraction);
        var train = Steps(split.Train);
        var test = Steps(split.Test);
        if (test.Features.Count == 0)
        {
            throw new InvalidOperationException("The test split is empty; there are too few sessions to evaluate.");
        }

        var baselineConversion = LogisticRegression.Fit(train.Features, train.Converts, options.L2);
        var baselineFriction = LogisticRegression.Fit(train.Features, train.Friction, options.L2);

        var modelConversion = new List<double>(test.Features.Count);
        var modelFriction = new List<double>(test.Features.Count);
        foreach (var session in split.Test)
        {
            var (conversion, friction) = modelPerStep(session);
            if (conversion is null || friction is null || conversion.Length != session.Count || friction.Length != session.Count)
            {
                throw new InvalidOperationException(
                    $"The model gave {conversion?.Length} conversion and {friction?.Length} friction values for session '{session[0].SessionId}' of {session.Count} events; one per event is needed.");
            }
            modelConversion.AddRange(conversion.Select(p => (double)p));
            modelFriction.AddRange(friction.Select(p => (double)p));
        }

        var lengths = split.Test.Select(session => session.Count).ToArray();
        return new OutcomeReport(
            options.DatasetName,
            split.Train.Count,
            split.Test.Count,
            train.Features.Count,
            test.Features.Count,
            split.TestStart,
            options.TrainFraction,
            Task(OutcomeTask.Conversion, modelConversion, baselineConversion.Predict(test.Features), test.Converts, train.Converts, lengths, options),
            Task(OutcomeTask.Friction, modelFriction, baselineFriction.Predict(test.Features), test.Friction, train.Friction, lengths, options));
    }

    private static OutcomeTaskReport Task(OutcomeTask task, List<double> model, double[] baseline, List<bool> labels, List<bool> trainLabels,
        int[] sessionLengths, OutcomeEvaluationOptions options)
    {
        var positives = labels.Count(l => l);
        var trainRate = trainLabels.Count == 0 ? double.NaN : (double)trainLabels.Count(l => l) / trainLabels.Count;
        var prior = Enumerable.Repeat(double.IsNaN(trainRate) ? 0.5 : trainRate, labels.Count).ToList();
        var modelBins = Calibration.Bins(model, labels, options.CalibrationBins);
        var baselineBins = Calibration.Bins(baseline, labels, options.CalibrationBins);
        return new OutcomeTaskReport(
            task,
            labels.Count,
            positives,
            labels.Count - positives,
            trainRate,
            BinaryMetrics.RocAuc(model, labels),
            BinaryMetrics.LogLoss(model, labels, options.LogLossEpsilon),
            BinaryMetrics.Brier(model, labels),
            Calibration.ExpectedError(modelBins),
            BinaryMetrics.RocAuc(baseline, labels),
            BinaryMetrics.LogLoss(baseline, labels, options.LogLossEpsilon),
            BinaryMetrics.Brier(baseline, labels),
            Calibration.ExpectedError(baselineBins),
            BinaryMetrics.LogLoss(prior, labels, options.LogLossEpsilon),
            BinaryMetrics.Brier(prior, labels),
            modelBins,
            baselineBins)
        {
            AucIntervals = AucBootstrap.Intervals(model, baseline, labels, sessionLengths),
        };
    }

    private sealed record StepTable(List<double[]> Features, List<bool> Converts, List<bool> Friction);

    private static StepTable Steps(IReadOnlyList<IReadOnlyList<ClickEvent>> sessions)
    {
        var table = new StepTable([], [], []);
        foreach (var session in sessions)
        {
            var labels = OutcomeLabels.For(session, datasetHasOutcomes: true);
            table.Features.AddRange(PrefixFeatures.Extract(session));
            table.Converts.AddRange(labels.Converts);
            table.Friction.AddRange(labels.Friction);
        }
        return table;
    }
}
