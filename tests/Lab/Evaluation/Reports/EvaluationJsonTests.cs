using System.Text.Json.Nodes;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Evaluation.Reports;

namespace Journeys.Lab.Tests.Evaluation.Reports;

public sealed class EvaluationJsonTests
{
    private static readonly NextItemEvaluation Evaluation = new(
        "diginetica-srgnn", "protocol", 60_858, "trained-x",
        new NextItemScores(60_858, 0.5, 0.17, 0.4, 0.16),
        NextItemEvaluator.DefaultBaselines().Select(b => new BaselineResult(b.Name, b.Description, new NextItemScores(60_858, 0.3, 0.1, 0.2, 0.09), 1)).ToList(),
        TrainSeconds: 1234.5, ModelSeconds: 10);

    [Fact]
    public void Json_has_the_documented_shape_with_fractions()
    {
        var json = JsonNode.Parse(EvaluationJson.Write(Evaluation))!.AsObject();

        Assert.Equal("diginetica-srgnn", (string?)json["dataset"]);
        Assert.Equal(60_858, (long)json["testCases"]!);
        Assert.Equal(1234.5, (double)json["trainSeconds"]!);
        foreach (var key in new[] { "hr@20", "mrr@20", "hr@10", "mrr@10" })
            Assert.InRange((double)json["model"]![key]!, 0, 1);
        Assert.Equal(["pop", "spop", "itemknn", "sknn", "vsknn"], json["baselines"]!.AsObject().Select(kv => kv.Key));
        Assert.All(json["baselines"]!.AsObject(), kv => Assert.Equal(0.3, (double)kv.Value!["hr@20"]!));
    }

    [Fact]
    public void Extra_sections_are_appended_and_may_not_replace_existing_ones()
    {
        var extra = new Dictionary<string, JsonNode> { ["conversion"] = new JsonObject { ["auc"] = 0.8 } };
        var json = JsonNode.Parse(EvaluationJson.Write(Evaluation, extra))!;
        Assert.Equal(0.8, (double)json["conversion"]!["auc"]!);

        Assert.Throws<ArgumentException>(() => EvaluationJson.Write(Evaluation, new Dictionary<string, JsonNode> { ["model"] = new JsonObject() }));
    }
}
