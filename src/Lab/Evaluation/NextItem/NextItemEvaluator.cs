using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Lab.Evaluation.NextItem;

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
        PrefixBatches.Run(model, cases, batchSize, (positions, last) =>
        {
            var targets = positions.Select(p => (long)model.Encoder.ProductIndex(cases[p].Target)).ToArray();
            metrics.AddRange(Ranking.RanksOf(last.mm(model.Network.ScoringTable.t()), tensor(targets).to(model.Device)));
        });
        return metrics.Scores;
    }

    /// <summary>
    /// Fits <paramref name="baseline"/> on the split's training sessions and ranks every test case; with
    /// <paramref name="lists"/>, each case's top 20 (in rank order) goes there and its <see cref="ListScores"/> into the result.
    /// </summary>
    public static NextItemScores EvaluateBaseline(INextItemBaseline baseline, NextItemSplit split, RecommendationLists? lists = null)
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
        var top = new int[RecommendationLists.ListLength];
        foreach (var c in split.Test)
        {
            Array.Clear(scores);
            var prefix = c.Prefix.Select(id => index.GetValueOrDefault(id)).Where(i => i > 0).ToArray();
            baseline.Score(prefix, scores);
            metrics.Add(Ranking.RankOf(scores, index.GetValueOrDefault(c.Target)));
            // The split's index is the lists' index (both number the training items by frequency from 1).
            if (lists is not null) lists.AddIndices(top.AsSpan(0, Ranking.Top(scores, top)));
        }
        return lists is null ? metrics.Scores : metrics.Scores with { Lists = lists.Result() };
    }
}
