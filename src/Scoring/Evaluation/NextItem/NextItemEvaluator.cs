using Journeys.Scoring.Model;
using Journeys.Scoring.Training;
using static TorchSharp.torch;

namespace Journeys.Scoring.Evaluation.NextItem;

/// <summary>
/// Ranks every test case's target among all items, for the served model and for baselines, with one tie rule
/// (<see cref="Ranking"/>). The model runs its own step function (<see cref="SessionModel.Forward"/> advances the same
/// cell as <see cref="SessionModel.Step"/>) over each prefix encoded as bare product views, and scores the full item
/// vocabulary with the session embedding after the last click — what the engine would recommend at that moment.
/// </summary>
public static class NextItemEvaluator
{
    public static IReadOnlyList<INextItemBaseline> DefaultBaselines() =>
        [new PopBaseline(), new SPopBaseline(), new ItemKnnBaseline(), new SknnBaseline(), new VsknnBaseline()];

    public static NextItemScores EvaluateModel(ScoringModel model, IReadOnlyList<NextItemCase> cases, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        var metrics = new RankMetrics();
        var encoder = model.Encoder;
        using var noGrad = no_grad();
        // Equal-length prefixes batch without padding.
        foreach (var group in cases.GroupBy(c => c.Prefix.Length))
        {
            var list = group.ToList();
            var length = group.Key;
            for (var from = 0; from < list.Count; from += batchSize)
            {
                var n = Math.Min(batchSize, list.Count - from);
                using var scope = NewDisposeScope();
                var input = new long[n * length * 5];
                var targets = new long[n];
                for (var i = 0; i < n; i++)
                {
                    var c = list[from + i];
                    for (var t = 0; t < length; t++)
                    {
                        var f = TrainingSets.ItemView(encoder.ProductIndex(c.Prefix[t]));
                        var o = ((i * length) + t) * 5;
                        input[o] = f.Type;
                        input[o + 1] = f.Product;
                        input[o + 2] = f.Category;
                        input[o + 3] = f.PriceBucket;
                        input[o + 4] = f.GapBucket;
                    }
                    targets[i] = encoder.ProductIndex(c.Target);
                }
                var output = model.Network.Forward(tensor(input, n, length, 5).to(model.Device));
                var last = output.SessionEmbedding.select(1, length - 1);
                var logits = last.mm(model.Network.ItemTable.t());
                metrics.AddRange(Ranking.RanksOf(logits, tensor(targets).to(model.Device)));
            }
        }
        return metrics.Scores;
    }

    /// <summary>Fits <paramref name="baseline"/> on the split's training sessions and ranks every test case.</summary>
    public static NextItemScores EvaluateBaseline(INextItemBaseline baseline, NextItemSplit split)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(split);
        var index = new Dictionary<string, int>(split.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < split.Items.Count; i++) index[split.Items[i]] = i + 1;
        var itemCount = split.Items.Count;
        var train = split.Train.Select(s => s.Select(id => index.GetValueOrDefault(id)).Where(i => i > 0).ToArray()).ToList();
        baseline.Fit(train, itemCount);
        var scores = new float[itemCount + 1];
        var metrics = new RankMetrics();
        foreach (var c in split.Test)
        {
            Array.Clear(scores);
            var prefix = c.Prefix.Select(id => index.GetValueOrDefault(id)).Where(i => i > 0).ToArray();
            baseline.Score(prefix, scores);
            metrics.Add(Ranking.RankOf(scores, index.GetValueOrDefault(c.Target)));
        }
        return metrics.Scores;
    }
}
