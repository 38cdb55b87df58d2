using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Recommendations;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// The result of <see cref="RelationEvaluation.Run"/>: the weights chosen on validation, and on the test cases the model
/// alone, the relations alone (no model) and the blend. Renders as a JSON section and a markdown fragment.
/// </summary>
public sealed record RelationComparison(
    int FitSessions,
    int ValidationSessions,
    int ValidationCases,
    RelationBlendWeights Weights,
    NextItemScores ValidationModel,
    NextItemScores ValidationBlend,
    IReadOnlyList<(RelationBlendWeights Weights, NextItemScores Scores)> Grid,
    int ProductsWithRelations,
    int NeighbourSessions,
    int TestCases,
    NextItemScores Model,
    RelationParts Parts,
    NextItemScores Blend,
    NextItemScores BlendAfterRules,
    double ValidationSeconds,
    double ModelSeconds,
    double TestSeconds)
{
    public JsonObject ToJsonNode()
    {
        var grid = new JsonArray();
        foreach (var (w, scores) in Grid)
        {
            grid.Add(new JsonObject
            {
                ["coView"] = w.CoView, ["recencyDecay"] = w.RecencyDecay, ["sessionNeighbours"] = w.SessionNeighbours,
                ["recentlyViewed"] = w.RecentlyViewed, ["recentlyViewedDecay"] = w.RecentlyViewedDecay,
                ["hr@20"] = Round(scores.Hr20), ["mrr@20"] = Round(scores.Mrr20),
            });
        }
        var options = RelationEvaluation.OfflineOptions();
        return new JsonObject
        {
            ["method"] = "catalog co-view relations from training sessions only (CatalogModel, no decay), blended with the model's top " +
                $"{RelationEvaluation.CandidateCount} by RelationBlend; weights chosen by HR@20 on the latest training sessions with relations from the others",
            ["coViewWindow"] = options.CoViewWindow,
            ["maxRelationsPerItem"] = options.MaxRelationsPerItem,
            ["publishedRelationsPerItem"] = options.PublishedRelationsPerItem,
            ["candidates"] = RelationEvaluation.CandidateCount,
            ["weights"] = new JsonObject
            {
                ["coView"] = Weights.CoView,
                ["recencyDecay"] = Weights.RecencyDecay,
                ["maxRecentItems"] = Weights.MaxRecentItems,
                ["sessionNeighbours"] = Weights.SessionNeighbours,
                ["recentlyViewed"] = Weights.RecentlyViewed,
                ["recentlyViewedDecay"] = Weights.RecentlyViewedDecay,
            },
            ["validation"] = new JsonObject
            {
                ["fitSessions"] = FitSessions,
                ["sessions"] = ValidationSessions,
                ["cases"] = ValidationCases,
                ["model"] = Scores(ValidationModel),
                ["blend"] = Scores(ValidationBlend),
                ["grid"] = grid,
            },
            ["test"] = new JsonObject
            {
                ["productsWithRelations"] = ProductsWithRelations,
                ["neighbourSessions"] = NeighbourSessions,
                ["cases"] = TestCases,
                ["model"] = Scores(Model),
                ["relationsOnly"] = Scores(Parts.RelationsOnly),
                ["neighboursOnly"] = Scores(Parts.NeighboursOnly),
                ["modelAndRelations"] = Scores(Parts.ModelAndRelations),
                ["modelAndNeighbours"] = Scores(Parts.ModelAndNeighbours),
                ["blendWithoutRecentlyViewed"] = Scores(Parts.WithoutRecentlyViewed),
                ["blend"] = Scores(Blend),
                ["blendOnScreenExcluded"] = Scores(BlendAfterRules),
            },
            ["seconds"] = new JsonObject
            {
                ["validation"] = Math.Round(ValidationSeconds, 1),
                ["testModel"] = Math.Round(ModelSeconds, 1),
                ["test"] = Math.Round(TestSeconds, 1),
            },
        };
    }

    public string ToMarkdown()
    {
        var options = new CatalogOptions();
        var md = new StringBuilder();
        md.Append("## What the engine serves: catalog relations, session neighbours and recently viewed products\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"Co-view relations built by the catalog stage's model (window {options.CoViewWindow}, {options.MaxRelationsPerItem} neighbours kept and {options.PublishedRelationsPerItem} published per product, no decay: the split has no timestamps) " +
            $"from the training sessions only, blended with the model's top {RelationEvaluation.CandidateCount} by `RelationBlend`. " +
            $"Weights chosen by HR@20 on the latest {ValidationSessions:N0} training sessions ({ValidationCases:N0} prefixes; relations from the other {FitSessions:N0}): " +
            $"co-view {Weights.CoView.ToString(CultureInfo.InvariantCulture)} (model 1), recency decay {Weights.RecencyDecay.ToString(CultureInfo.InvariantCulture)} over the last {Weights.MaxRecentItems} items. " +
            $"Validation HR@20 {ValidationModel.Hr20 * 100:F2} % → {ValidationBlend.Hr20 * 100:F2} %.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Session neighbours (V-SKNN over the {NeighbourSessions:N0} latest training sessions the engine's index keeps): λN {Weights.SessionNeighbours.ToString(CultureInfo.InvariantCulture)}, chosen the same way after the relation weights. ");
        md.Append(CultureInfo.InvariantCulture, $"Recently viewed (the session's earlier products): λR {Weights.RecentlyViewed.ToString(CultureInfo.InvariantCulture)}, decay {Weights.RecentlyViewedDecay.ToString(CultureInfo.InvariantCulture)}, chosen next; then the co-view weight once more with the others fixed.\n\n");
        md.Append("| test cases | HR@20 % | MRR@20 % | HR@10 % | MRR@10 % |\n|---|---:|---:|---:|---:|\n");
        Row(md, "model alone", Model);
        Row(md, "co-view relations alone", Parts.RelationsOnly);
        Row(md, "session neighbours alone", Parts.NeighboursOnly);
        Row(md, "model + relations", Parts.ModelAndRelations);
        Row(md, "model + neighbours", Parts.ModelAndNeighbours);
        Row(md, "served without recently viewed", Parts.WithoutRecentlyViewed);
        Row(md, "**served: model + relations + neighbours + recently viewed**", Blend);
        Row(md, "served, product on screen excluded (the engine's first rule)", BlendAfterRules);
        md.Append(CultureInfo.InvariantCulture, $"\n{ProductsWithRelations:N0} products with relations; {TestCases:N0} test cases; validation and tuning {ValidationSeconds:F0} s, test {TestSeconds:F0} s.\n");
        return md.ToString();
    }

    /// <summary>
    /// Writes <c>next-item-{dataset}-blend.png</c> to <paramref name="directory"/>: HR@20 and MRR@20 of the served blend
    /// as it grows, part by part, on the test cases (the ablation of the markdown table); returns the file name.
    /// </summary>
    public string WriteChart(string directory, string dataset)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        (string Name, NextItemScores Scores)[] steps =
        [
            ("model", Model), ("+ relations", Parts.ModelAndRelations), ("+ neighbours", Parts.ModelAndNeighbours),
            ("+ both", Parts.WithoutRecentlyViewed), ("served (+ recently viewed)", Blend),
        ];
        var name = $"next-item-{dataset}-blend.png";
        Reports.RankBarChart.Save(Path.Combine(directory, name),
            $"{dataset}: the served blend part by part, HR@20 (blue) and MRR@20 (orange), %", steps);
        return name;
    }

    private static void Row(StringBuilder md, string name, NextItemScores s) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {s.Hr20 * 100:F2} | {s.Mrr20 * 100:F2} | {s.Hr10 * 100:F2} | {s.Mrr10 * 100:F2} |\n");

    private static JsonObject Scores(NextItemScores s) => Reports.EvaluationJson.Scores(s);

    private static double Round(double value) => Math.Round(value, 6);
}
