using System.Diagnostics;
using System.Globalization;
using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Maths;
using Journeys.Scoring.Pricing;

namespace Journeys.Lab.Pricing;

/// <summary>
/// Learns a <see cref="DemandModel"/> from recorded sessions with prices and purchases (REES46): one row per product a
/// session viewed — its price at the first view, the session model's conversion probability and friction right after
/// that view — labelled by whether the session bought that product later. Sessions are split by time as everywhere
/// else (<see cref="TimeSplit"/>: the session model was trained on the same earlier 80 %), the model is fitted on the
/// earlier part and scored on the later part against a baseline without price.
/// </summary>
public static class DemandTraining
{
    public const string BaselineDescription = "logistic regression on logit(conversion) and friction only (no price)";

    /// <summary>The rows of one session, given the session model's per-step outputs (one per event).</summary>
    public static IReadOnlyList<DemandObservation> Observations(IReadOnlyList<ClickEvent> session, IReadOnlyList<float> conversion, IReadOnlyList<float> friction)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(conversion);
        ArgumentNullException.ThrowIfNull(friction);
        if (conversion.Count != session.Count || friction.Count != session.Count)
            throw new ArgumentException($"Need one conversion and friction value per event: {session.Count} events, {conversion.Count} and {friction.Count} values.", nameof(conversion));
        var firstView = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastPurchase = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < session.Count; t++)
        {
            var e = session[t];
            if (e.ProductId is null) continue;
            // A price of 0 (seen in REES46) says nothing about willingness to pay and has no logarithm.
            if (e.Type == ClickType.ProductView && e.Price is > 0) firstView.TryAdd(e.ProductId, t);
            if (e.Type == ClickType.Purchase) lastPurchase[e.ProductId] = t;
        }
        var rows = new List<DemandObservation>(firstView.Count);
        foreach (var (product, t) in firstView.OrderBy(kv => kv.Value))
        {
            var view = session[t];
            rows.Add(new DemandObservation(product, view.CategoryId, view.Price!.Value, view.Price.Value,
                Math.Clamp(conversion[t], 0, 1), Math.Clamp(friction[t], 0, 1),
                lastPurchase.TryGetValue(product, out var bought) && bought > t));
        }
        return rows;
    }

    /// <param name="sessions">Every session of the data, each in time order.</param>
    /// <param name="perStep">The session model's conversion and friction after each event (<see cref="ModelOutcomes.Predictor"/>).</param>
    /// <param name="progress">Receives a line now and then.</param>
    public static DemandModel Run(IReadOnlyList<IReadOnlyList<ClickEvent>> sessions,
        Func<IReadOnlyList<ClickEvent>, (float[] Conversion, float[] Friction)> perStep, DemandProvenance provenance, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(perStep);
        ArgumentNullException.ThrowIfNull(provenance);
        var variation = PriceVariation.Of("all product views of the data",
            sessions.SelectMany(s => s).Where(e => e is { Type: ClickType.ProductView, ProductId: not null, Price: > 0 }).Select(e => (e.ProductId!, e.Price!.Value)));
        progress?.Invoke(F($"price variation: {variation.ProductsWithPriceChange:N0} of {variation.Products:N0} viewed products are seen at more than one price (largest change {variation.MaxRelativeChange:P1})"));
        var split = TimeSplit.Split(sessions);
        var clock = Stopwatch.StartNew();
        var done = 0;
        List<DemandObservation> Rows(IReadOnlyList<IReadOnlyList<ClickEvent>> part)
        {
            var rows = new List<DemandObservation>();
            foreach (var session in part)
            {
                var (conversion, friction) = perStep(session);
                rows.AddRange(Observations(session, conversion, friction));
                if (++done % 1000 == 0 || done == sessions.Count)
                    progress?.Invoke(F($"session model over {done:N0} / {sessions.Count:N0} sessions ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
            return rows;
        }
        var train = Rows(split.Train);
        var test = Rows(split.Test);
        progress?.Invoke(F($"rows: {train.Count:N0} train ({train.Count(r => r.Purchased):N0} bought), {test.Count:N0} test ({test.Count(r => r.Purchased):N0} bought)"));

        var model = DemandModel.Fit(train, provenance, variation);
        var baselineFeatures = (DemandObservation r) => new[] { DemandModel.Logit(r.Conversion), r.Friction };
        var baseline = LogisticRegression.Fit(train.Select(baselineFeatures).ToList(), train.Select(r => r.Purchased).ToList());
        var labels = test.Select(r => r.Purchased).ToList();
        var predicted = test.Select(r => model.Probability(r.Price, r.ListPrice, r.CategoryId, r.Conversion, r.Friction)).ToList();
        var baselinePredicted = baseline.Predict(test.Select(baselineFeatures).ToList());
        var rate = (train.Count(r => r.Purchased) + 0.5) / (train.Count + 1);
        var auc = BinaryMetrics.RocAuc(predicted, labels);
        var evaluation = new DemandEvaluation(
            F($"sessions by start time: earliest {TimeSplit.DefaultTrainFraction:P0} train ({split.Train.Count:N0}), latest test ({split.Test.Count:N0}); the session model trained on the same earlier part"),
            train.Count, train.Count(r => r.Purchased), test.Count, test.Count(r => r.Purchased),
            auc, AucStandardError(auc, test.Count(r => r.Purchased), test.Count(r => !r.Purchased)),
            BinaryMetrics.LogLoss(predicted, labels), BinaryMetrics.Brier(predicted, labels),
            BaselineDescription,
            BinaryMetrics.RocAuc(baselinePredicted, labels), BinaryMetrics.LogLoss(baselinePredicted, labels), BinaryMetrics.Brier(baselinePredicted, labels),
            BinaryMetrics.LogLoss(Enumerable.Repeat(rate, test.Count).ToList(), labels));
        return model.WithEvaluation(evaluation);
    }

    /// <summary>Hanley &amp; McNeil (1982), eq. 2: the AUC's standard error from its value and the class counts; NaN when undefined.</summary>
    public static double AucStandardError(double auc, int positives, int negatives)
    {
        if (double.IsNaN(auc) || positives == 0 || negatives == 0) return double.NaN;
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((positives - 1) * (q1 - (auc * auc))) + ((negatives - 1) * (q2 - (auc * auc)))) / ((double)positives * negatives);
        return Math.Sqrt(Math.Max(0, variance));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
