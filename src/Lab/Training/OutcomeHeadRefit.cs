using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Maths;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Lab.Training;

/// <summary>
/// Refits the conversion and friction heads after training. The trainer keeps the epoch with the best validation loss,
/// and that loss is dominated by the next-item softmax (several nats against a few tenths for an outcome), so on small
/// labelled data the kept epoch is an early one whose outcome heads have barely trained. Each head is a linear layer
/// on the hidden state followed by a sigmoid, i.e. a logistic regression on h: this fits that regression to
/// convergence (L2, Newton, deterministic) on the kept epoch's hidden states of the training steps, and keeps it only
/// where its log-loss on the validation steps is lower than the trained head's. The choice uses the validation
/// sessions (the latest training sessions), never a test split.
/// </summary>
internal static class OutcomeHeadRefit
{
    /// <summary>At most this many training steps enter the fit (every k-th beyond it): the rows are held as doubles.</summary>
    private const int MaxRows = 200_000;

    public static OutcomeHeadChoice? Run(SessionModel network, IReadOnlyList<TrainingBatch> train,
        IReadOnlyList<TrainingBatch> validation)
    {
        var fit = Steps(network, train);
        var check = Steps(network, validation);
        if (fit.Rows.Count == 0 || check.Rows.Count == 0) return null;
        var stride = (fit.Rows.Count + MaxRows - 1) / MaxRows;
        var rows = fit.Rows.Where((_, i) => i % stride == 0).ToList();

        var (conversionRefit, conversionTrained, conversionNew) = Head(network, "conversionHead", rows,
            fit.Converts.Where((_, i) => i % stride == 0).ToList(), check.Rows, check.Converts, check.Conversion);
        var (frictionRefit, frictionTrained, frictionNew) = Head(network, "frictionHead", rows,
            fit.Friction.Where((_, i) => i % stride == 0).ToList(), check.Rows, check.Friction, check.FrictionScores);
        return new OutcomeHeadChoice(conversionRefit, conversionTrained, conversionNew, frictionRefit, frictionTrained, frictionNew,
            rows.Count, check.Rows.Count);
    }

    private static (bool Refit, double Trained, double New) Head(SessionModel network, string head, List<double[]> rows, List<bool> labels,
        List<double[]> validationRows, List<bool> validationLabels, List<double> trainedScores)
    {
        var regression = LogisticRegression.Fit(rows, labels);
        var trained = BinaryMetrics.LogLoss(trainedScores, validationLabels);
        var refit = BinaryMetrics.LogLoss(regression.Predict(validationRows), validationLabels);
        if (!(refit < trained)) return (false, trained, refit);
        var (weights, bias) = regression.Unstandardized();
        using var noGrad = no_grad();
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters[$"{head}.weight"].copy_(tensor(weights.Select(w => (float)w).ToArray(), 1, weights.Length));
        parameters[$"{head}.bias"].copy_(tensor(new[] { (float)bias }));
        return (true, trained, refit);
    }

    private sealed record StepRows(List<double[]> Rows, List<bool> Converts, List<bool> Friction, List<double> Conversion, List<double> FrictionScores);

    /// <summary>The hidden state after every labelled step, its labels and the trained heads' probabilities.</summary>
    private static StepRows Steps(SessionModel network, IReadOnlyList<TrainingBatch> batches)
    {
        var result = new StepRows([], [], [], [], []);
        network.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var batch in batches)
            {
                if (batch.OutcomePositions.Length == 0) continue;
                using var scope = NewDisposeScope();
                var b = batch.Sessions.Count;
                var t = batch.Length;
                var output = network.Forward(tensor(batch.Inputs, b, t, 5));
                var positions = tensor(batch.OutcomePositions);
                var hidden = output.H.reshape(b * t, -1).index_select(0, positions).to(ScalarType.Float64).contiguous();
                var h = hidden.data<double>().ToArray();
                var width = (int)hidden.shape[1];
                var conversion = output.Conversion.reshape(b * t).index_select(0, positions).data<float>().ToArray();
                var friction = output.Friction.reshape(b * t).index_select(0, positions).data<float>().ToArray();
                for (var i = 0; i < batch.OutcomePositions.Length; i++)
                {
                    result.Rows.Add(h.AsSpan(i * width, width).ToArray());
                    result.Converts.Add(batch.Converts[i] > 0.5f);
                    result.Friction.Add(batch.Friction[i] > 0.5f);
                    result.Conversion.Add(conversion[i]);
                    result.FrictionScores.Add(friction[i]);
                }
            }
        }
        finally
        {
            network.train();
        }
        return result;
    }
}
