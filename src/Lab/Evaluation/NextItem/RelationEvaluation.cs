using System.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;
using static TorchSharp.torch;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// How much catalog relations change next-item quality: relations built by the live <see cref="CatalogModel"/> from
/// training sessions only, blended with the model by the live <see cref="RelationBlend"/>. The blend weights are chosen
/// on a validation slice — the latest training sessions, with relations rebuilt from the others — and then applied
/// once to the test cases with relations from all training sessions.
/// </summary>
public static class RelationEvaluation
{
    /// <summary>
    /// Model items handed to the blend per case. 100: relation candidates beyond the model's 100th item rarely reach a
    /// top 20, and the live recommender can afford to ask the model for that many.
    /// </summary>
    public const int CandidateCount = 100;

    /// <summary>The co-view weights tried (relative to the model's 1).</summary>
    public static readonly double[] CoViewGrid = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];

    /// <summary>The recency decays tried.</summary>
    public static readonly double[] RecencyGrid = [0.25, 0.5, 0.75, 1];

    /// <summary>The session-neighbour weights λN tried (relative to the model's 1), with the best relation weights.</summary>
    public static readonly double[] NeighbourGrid = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

    /// <summary>The recently-viewed weights λR tried (relative to the model's 1), with the best relation and neighbour weights.</summary>
    public static readonly double[] RecentlyViewedGrid = [0.05, 0.1, 0.2, 0.4, 0.8];

    /// <summary>The recently-viewed decays tried with each λR.</summary>
    public static readonly double[] RecentlyViewedDecayGrid = [0.3, 0.6, 0.9];

    /// <summary>
    /// The session's products the engine hands the blend: the last <c>Sessions:RecentItems</c> clicks (its default, 20),
    /// most recent first, so the evaluation scores exactly what the engine ranks.
    /// </summary>
    public const int EngineRecentItems = 20;

    /// <summary>Recent items the blend looks at: the live catalog model's default co-view window.</summary>
    public static readonly int MaxRecentItems = new CatalogOptions().CoViewWindow;

    /// <summary>
    /// The live options without decay: the benchmark sessions carry no timestamps, so events get synthetic increasing
    /// times one second apart and every count keeps weight 1.
    /// </summary>
    public static CatalogOptions OfflineOptions() => new() { RelationHalfLife = null };

    /// <summary>Feeds <paramref name="sessions"/> (item ids, in order) to a catalog model as product views; returns its snapshot.</summary>
    public static CatalogSnapshot BuildRelations(IEnumerable<string[]> sessions, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var model = new CatalogModel(options);
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long n = 0;
        var s = 0;
        foreach (var session in sessions)
        {
            var sessionId = $"s{s++}";
            foreach (var item in session)
            {
                model.Observe(new ClickEvent($"e{n}", sessionId, null, start.AddSeconds(n), ClickType.ProductView, item));
                n++;
            }
        }
        return model.Publish();
    }

    /// <summary>Every prefix of every session of 2 or more items, predicting the item after it (the SR-GNN test protocol).</summary>
    public static List<NextItemCase> PrefixCases(IEnumerable<string[]> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var cases = new List<NextItemCase>();
        foreach (var s in sessions)
        {
            for (var t = 1; t < s.Length; t++) cases.Add(new NextItemCase(s[..t], s[t]));
        }
        return cases;
    }

    /// <summary>
    /// Runs the model over every case's prefix (bare product views, as <see cref="NextItemEvaluator.EvaluateModel"/>):
    /// the target's full-vocabulary rank and the model's best <paramref name="k"/> items, in the order of <paramref name="cases"/>.
    /// </summary>
    public static ModelCandidates[] Candidates(ScoringModel model, IReadOnlyList<NextItemCase> cases, int k = CandidateCount, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        var encoder = model.Encoder;
        k = Math.Min(k, encoder.Products.Count);
        var result = new ModelCandidates[cases.Count];
        PrefixBatches.Run(model, cases, batchSize, (positions, last) =>
        {
            var targets = positions.Select(p => (long)encoder.ProductIndex(cases[p].Target)).ToArray();
            var ranks = Ranking.RanksOf(last.mm(model.Network.ScoringTable.t()), tensor(targets).to(model.Device));
            var (probabilities, indices) = model.Network.TopNextItems(last, k);
            var p = probabilities.contiguous().cpu().data<float>().ToArray();
            var index = indices.contiguous().cpu().data<long>().ToArray();
            for (var i = 0; i < positions.Length; i++)
            {
                var top = new ScoredItem[k];
                for (var j = 0; j < k; j++) top[j] = new ScoredItem(encoder.ProductAt((int)index[(i * k) + j]) ?? string.Empty, p[(i * k) + j]);
                result[positions[i]] = new ModelCandidates(ranks[i], top);
            }
        });
        return result;
    }

    /// <summary>
    /// HR/MRR of the blend's top 20 for each case (the prefix, most recent first, is the session's recent items). With
    /// <paramref name="excludeOnScreen"/> the case's last click is skipped, as the engine's first business rule does (it
    /// never recommends the product on screen). With <paramref name="lists"/>, each case's top 20 goes there.
    /// </summary>
    public static NextItemScores Score(IReadOnlyList<NextItemCase> cases, IReadOnlyList<ModelCandidates> candidates,
        CatalogSnapshot relations, RelationBlendWeights weights, bool withModel = true, bool excludeOnScreen = false,
        RecommendationLists? lists = null, SessionNeighbourSnapshot? neighbours = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(relations);
        var metrics = new RankMetrics();
        var recent = Array.Empty<string>();
        var top = new List<string>(RecommendationLists.ListLength);
        for (var i = 0; i < cases.Count; i++)
        {
            var prefix = cases[i].Prefix;
            var length = Math.Min(prefix.Length, EngineRecentItems);
            if (recent.Length != length) recent = new string[length];
            for (var t = 0; t < length; t++) recent[t] = prefix[prefix.Length - 1 - t];
            var onScreen = excludeOnScreen && prefix.Length > 0 ? prefix[^1] : null;
            // Test sessions are not in the index (it holds training sessions only), so none needs excluding.
            var blended = RelationBlend.Blend(withModel ? candidates[i].Top : [], recent, relations.Related, weights,
                RecommendationLists.ListLength + (onScreen is null ? 0 : 1), neighbours);
            top.Clear();
            for (var r = 0; r < blended.Count && top.Count < RecommendationLists.ListLength; r++)
            {
                if (!string.Equals(blended[r].ProductId, onScreen, StringComparison.Ordinal)) top.Add(blended[r].ProductId);
            }
            var rank = top.FindIndex(id => string.Equals(id, cases[i].Target, StringComparison.Ordinal));
            metrics.Add(rank < 0 ? Ranking.Miss : rank + 1);
            lists?.Add(top);
        }
        return lists is null ? metrics.Scores : metrics.Scores with { Lists = lists.Result() };
    }

    /// <summary>
    /// The whole comparison on <paramref name="split"/>: the latest <paramref name="validationSessions"/> training
    /// sessions choose the weights (by HR@20, then MRR@20; see <see cref="ChooseWeights"/>) with relations and neighbours
    /// built from the other training sessions; then the test cases are scored with relations and neighbours from all
    /// training sessions, the neighbour index under the engine's own bounds (<paramref name="neighbourOptions"/>, default
    /// <see cref="SessionNeighbourOptions"/>'s). The test figures of every part alone, of each pair and of the blend
    /// without its recently-viewed part are reported beside the blend (an ablation, not a choice).
    /// </summary>
    public static RelationComparison Run(ScoringModel model, NextItemSplit split, int validationSessions, Action<string>? log = null,
        SessionNeighbourOptions? neighbourOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(validationSessions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(validationSessions, split.Train.Count);
        neighbourOptions ??= new SessionNeighbourOptions();
        var clock = Stopwatch.StartNew();
        var options = OfflineOptions();
        var cut = split.Train.Count - validationSessions;
        var tuning = ChooseWeights(model, [.. split.Train.Take(cut)], [.. split.Train.Skip(cut)], neighbourOptions, log);
        // The model file's weights, where it carries them, are what the engine serves with: served uses them.
        var chosen = model.Metadata.BlendWeights ?? tuning.Best.Weights;
        if (model.Metadata.BlendWeights is not null) log?.Invoke($"relations: served with the model file's weights (co-view {chosen.CoView}, recency decay {chosen.RecencyDecay}, λN {chosen.SessionNeighbours}, λR {chosen.RecentlyViewed} decay {chosen.RecentlyViewedDecay})");
        var validationSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var relations = BuildRelations(split.Train, options);
        var neighbours = SessionNeighbourIndex.Build(split.Train, neighbourOptions);
        var modelClock = Stopwatch.StartNew();
        var testCandidates = Candidates(model, split.Test);
        var modelScores = ModelScores(testCandidates, new RecommendationLists(split));
        var modelSeconds = modelClock.Elapsed.TotalSeconds;
        var relationWeights = chosen with { SessionNeighbours = 0, RecentlyViewed = 0 };
        var neighbourWeights = chosen with { CoView = 0, CoPurchase = 0, RecentlyViewed = 0 };
        NextItemScores Test(RelationBlendWeights weights, bool withModel = true, bool excludeOnScreen = false) =>
            Score(split.Test, testCandidates, relations, weights, withModel, excludeOnScreen, new RecommendationLists(split), neighbours);
        var parts = new RelationParts(
            RelationsOnly: Test(relationWeights, withModel: false),
            NeighboursOnly: Test(neighbourWeights with { SessionNeighbours = Math.Max(1, neighbourWeights.SessionNeighbours) }, withModel: false),
            ModelAndRelations: Test(relationWeights),
            ModelAndNeighbours: Test(neighbourWeights),
            WithoutRecentlyViewed: Test(chosen with { RecentlyViewed = 0 }));
        var blended = Test(chosen);
        var afterRules = Test(chosen, excludeOnScreen: true);
        return new RelationComparison(
            cut, validationSessions, tuning.Cases, chosen, tuning.Model, tuning.Best.Scores,
            tuning.Tried,
            relations.ProductsWithRelations, neighbours.SessionCount, split.Test.Count, modelScores, parts, blended, afterRules,
            validationSeconds, modelSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Chooses the blend weights on <paramref name="validation"/> sessions (every prefix predicting its next click) with
    /// relations and neighbours from <paramref name="fit"/> sessions (both oldest first): co-view and recency decay on their
    /// own first, then λN with them, then λR and its decay with those, then co-view once more with the rest fixed, each by
    /// HR@20 then MRR@20. <c>journeys train</c> stores the result in the model file.
    /// </summary>
    public static BlendTuning ChooseWeights(ScoringModel model, IReadOnlyList<string[]> fit, IReadOnlyList<string[]> validation,
        SessionNeighbourOptions? neighbourOptions = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(validation);
        var clock = Stopwatch.StartNew();
        var fitRelations = BuildRelations(fit, OfflineOptions());
        var fitNeighbours = SessionNeighbourIndex.Build(fit, neighbourOptions ?? new SessionNeighbourOptions());
        var validationCases = PrefixCases(validation);
        log?.Invoke($"relations: {fitRelations.ProductsWithRelations:N0} products with relations and {fitNeighbours.SessionCount:N0} neighbour sessions from {fit.Count:N0} sessions; {validationCases.Count:N0} validation cases ({clock.Elapsed.TotalSeconds:F0} s)");
        var validationCandidates = Candidates(model, validationCases);
        var validationModel = ModelScores(validationCandidates);
        var tried = new List<(RelationBlendWeights Weights, NextItemScores Scores)>();
        foreach (var coView in CoViewGrid)
        {
            foreach (var decay in RecencyGrid)
            {
                var weights = new RelationBlendWeights(coView, 0, decay, MaxRecentItems);
                tried.Add((weights, Score(validationCases, validationCandidates, fitRelations, weights)));
            }
        }
        var bestRelations = Best(tried);
        log?.Invoke($"relations: validation model HR@20 {validationModel.Hr20:P2}; best relations co-view {bestRelations.Weights.CoView}, recency decay {bestRelations.Weights.RecencyDecay}: HR@20 {bestRelations.Scores.Hr20:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
        foreach (var neighbourWeight in NeighbourGrid)
        {
            var weights = bestRelations.Weights with { SessionNeighbours = neighbourWeight };
            tried.Add((weights, Score(validationCases, validationCandidates, fitRelations, weights, neighbours: fitNeighbours)));
        }
        var best = Best(tried);
        log?.Invoke($"relations: best with session neighbours λN {best.Weights.SessionNeighbours}: HR@20 {best.Scores.Hr20:P2} MRR@20 {best.Scores.Mrr20:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
        var withNeighbours = best.Weights;
        foreach (var viewed in RecentlyViewedGrid)
        {
            foreach (var decay in RecentlyViewedDecayGrid)
            {
                var weights = withNeighbours with { RecentlyViewed = viewed, RecentlyViewedDecay = decay };
                tried.Add((weights, Score(validationCases, validationCandidates, fitRelations, weights, neighbours: fitNeighbours)));
            }
        }
        best = Best(tried);
        log?.Invoke($"relations: best with recently viewed λR {best.Weights.RecentlyViewed}, decay {best.Weights.RecentlyViewedDecay}: HR@20 {best.Scores.Hr20:P2} MRR@20 {best.Scores.Mrr20:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
        // The co-view weight was chosen with nothing else beside the model; the parts that joined since take some of what
        // it added, so it is chosen once more with them fixed (one round of coordinate ascent).
        var withViewed = best.Weights;
        foreach (var coView in CoViewGrid.Where(c => c != withViewed.CoView))
        {
            var weights = withViewed with { CoView = coView };
            tried.Add((weights, Score(validationCases, validationCandidates, fitRelations, weights, neighbours: fitNeighbours)));
        }
        best = Best(tried);
        log?.Invoke($"relations: co-view chosen again with the rest: {best.Weights.CoView}; HR@20 {best.Scores.Hr20:P2} MRR@20 {best.Scores.Mrr20:P2} ({clock.Elapsed.TotalSeconds:F0} s)");
        return new BlendTuning(best, validationModel, validationCases.Count, tried);
    }

    private static (RelationBlendWeights Weights, NextItemScores Scores) Best(List<(RelationBlendWeights Weights, NextItemScores Scores)> tried) =>
        tried.OrderByDescending(t => t.Scores.Hr20).ThenByDescending(t => t.Scores.Mrr20).First();

    private static NextItemScores ModelScores(IEnumerable<ModelCandidates> candidates, RecommendationLists? lists = null)
    {
        var metrics = new RankMetrics();
        var top = new string[RecommendationLists.ListLength];
        foreach (var c in candidates)
        {
            metrics.Add(c.Rank);
            if (lists is null) continue;
            var n = Math.Min(top.Length, c.Top.Length);
            for (var j = 0; j < n; j++) top[j] = c.Top[j].ProductId;
            lists.Add(new ArraySegment<string>(top, 0, n));
        }
        return lists is null ? metrics.Scores : metrics.Scores with { Lists = lists.Result() };
    }
}
