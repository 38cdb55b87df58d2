using System.Text.Json.Nodes;
using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Lab.Evaluation.Reports;

/// <summary>
/// The one-line JSON summary of <c>journeys evaluate --json</c>:
/// <c>{"dataset","testCases","modelVersion","served":{…},"model":{"hr@20","mrr@20","hr@10","mrr@10","coverage@20",
/// "mostCommonFirstShare","mostCommonFirst","popularityPercentile"},"baselines":{name:{…}},"trainSeconds"}</c>:
/// accuracy and coverage as fractions in [0, 1], the popularity percentile in 0–100; the list fields appear where the
/// ranker's lists were kept, "served" where the engine's blend was evaluated. Extra sections append further top-level sections (e.g. "conversion",
/// "friction" from the outcome evaluation) without this writer knowing their shape.
/// </summary>
public static class EvaluationJson
{
    public static JsonObject ToNode(NextItemEvaluation evaluation, IReadOnlyDictionary<string, JsonNode>? extraSections = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var baselines = new JsonObject();
        foreach (var b in evaluation.Baselines) baselines[b.Name] = Scores(b.Scores);
        var root = new JsonObject
        {
            ["dataset"] = evaluation.Dataset,
            ["testCases"] = evaluation.TestCases,
            ["modelVersion"] = evaluation.ModelVersion,
            ["served"] = evaluation.Served is { } served ? Scores(served) : null,
            ["model"] = Scores(evaluation.Model),
            ["baselines"] = baselines,
            ["trainSeconds"] = evaluation.TrainSeconds is { } s ? JsonValue.Create(Math.Round(s, 1)) : null,
        };
        if (extraSections is not null)
        {
            foreach (var (name, node) in extraSections)
            {
                if (root.ContainsKey(name)) throw new ArgumentException($"Section '{name}' already exists.", nameof(extraSections));
                root[name] = node.DeepClone();
            }
        }
        return root;
    }

    public static string Write(NextItemEvaluation evaluation, IReadOnlyDictionary<string, JsonNode>? extraSections = null) =>
        ToNode(evaluation, extraSections).ToJsonString();

    /// <summary>One ranker's metrics: accuracy, then (where kept) what its lists look like.</summary>
    public static JsonObject Scores(NextItemScores s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var node = new JsonObject
        {
            ["hr@20"] = Math.Round(s.Hr20, 6),
            ["mrr@20"] = Math.Round(s.Mrr20, 6),
            ["hr@10"] = Math.Round(s.Hr10, 6),
            ["mrr@10"] = Math.Round(s.Mrr10, 6),
        };
        if (s.Lists is { } lists)
        {
            node["coverage@20"] = Math.Round(lists.Coverage20, 6);
            node["mostCommonFirstShare"] = Math.Round(lists.MostCommonFirstShare, 6);
            node["mostCommonFirst"] = lists.MostCommonFirst;
            node["popularityPercentile"] = Math.Round(lists.PopularityPercentile, 3);
        }
        return node;
    }
}
