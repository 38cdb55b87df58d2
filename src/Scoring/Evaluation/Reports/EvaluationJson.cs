using System.Text.Json.Nodes;
using Journeys.Scoring.Evaluation.NextItem;

namespace Journeys.Scoring.Evaluation.Reports;

/// <summary>
/// The one-line JSON summary of <c>journeys evaluate --json</c>:
/// <c>{"dataset","testCases","model":{"hr@20","mrr@20","hr@10","mrr@10"},"baselines":{name:{…}},"trainSeconds"}</c>,
/// fractions in [0, 1]. Extra sections append further top-level sections (e.g. "conversion",
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

    private static JsonObject Scores(NextItemScores s) => new()
    {
        ["hr@20"] = Math.Round(s.Hr20, 6),
        ["mrr@20"] = Math.Round(s.Mrr20, 6),
        ["hr@10"] = Math.Round(s.Hr10, 6),
        ["mrr@10"] = Math.Round(s.Mrr10, 6),
    };
}
