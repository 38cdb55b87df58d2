using System.Globalization;
using System.Text;
using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Lab.Evaluation.Reports;

/// <summary>
/// Writes <c>report-{dataset}.md</c> (tables of the model and the same-run baselines, the protocol, published
/// figures when the split is the SR-GNN Diginetica one) and <c>next-item-{dataset}.png</c> (HR@20 / MRR@20 bars).
/// </summary>
public static class EvaluationReport
{
    /// <summary>Published P@20 / MRR@20 (%) on the SR-GNN Diginetica split (Wu et al. 2019; Wang et al. 2020).</summary>
    public static readonly IReadOnlyList<(string Method, double Hr20, double Mrr20)> PublishedDiginetica =
    [
        ("GCE-GNN (SIGIR 2020)", 54.22, 19.04),
        ("SR-GNN (AAAI 2019)", 50.73, 17.59),
        ("NARM", 49.70, 16.17),
        ("STAMP", 45.64, 14.32),
        ("Item-KNN", 35.75, 11.57),
        ("GRU4Rec", 29.45, 8.33),
        ("S-POP", 21.06, 13.68),
        ("POP", 0.89, 0.20),
    ];

    public static string Write(string directory, NextItemEvaluation evaluation, string? trainingNote = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(evaluation);
        Directory.CreateDirectory(directory);
        var chart = $"next-item-{evaluation.Dataset}.png";
        SaveChart(Path.Combine(directory, chart), evaluation);

        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Next-item evaluation: {evaluation.Dataset}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{evaluation.Protocol}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Test cases: {evaluation.TestCases:N0}. Model: `{evaluation.ModelVersion}`");
        if (evaluation.TrainSeconds is { } t) md.Append(CultureInfo.InvariantCulture, $", trained in {t / 60:F1} min");
        md.Append(CultureInfo.InvariantCulture, $"; scoring all test cases took {evaluation.ModelSeconds:F0} s.\n");
        if (trainingNote is not null) md.Append('\n').Append(trainingNote).Append('\n');
        md.Append("\nRanks are over the whole item vocabulary; ties are broken by item index (lower first). HR@K = target in the top K (papers' P@K); MRR@K = mean 1/rank, 0 beyond K.\n\n");
        md.Append("Coverage@20: distinct items in any top 20 / training items. First-item share: cases led by the single most common first recommendation. Popularity: mean percentile (0–100, by training clicks) of the recommended items.\n\n");
        md.Append("| method | HR@20 % | MRR@20 % | HR@10 % | MRR@10 % | coverage@20 % | first-item share % | popularity pct | seconds |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        if (evaluation.Served is { } served) Row(md, "**Journeys served (model + relations + session neighbours + recently viewed)**", served, double.NaN);
        Row(md, "**Journeys LSTM (this model)**", evaluation.Model, evaluation.ModelSeconds);
        foreach (var b in evaluation.Baselines) Row(md, b.Name, b.Scores, b.Seconds);
        md.Append("\nBaseline parameters:\n\n");
        foreach (var b in evaluation.Baselines) md.Append(CultureInfo.InvariantCulture, $"- `{b.Name}`: {b.Description}\n");
        if (evaluation.Dataset.StartsWith("diginetica", StringComparison.Ordinal))
        {
            md.Append("\nPublished on the same split (from the papers, not re-run here):\n\n| method | P@20 % | MRR@20 % |\n|---|---:|---:|\n");
            foreach (var (method, hr, mrr) in PublishedDiginetica) md.Append(CultureInfo.InvariantCulture, $"| {method} | {hr:F2} | {mrr:F2} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"\n![HR@20 and MRR@20]({chart})\n");
        var path = Path.Combine(directory, $"report-{evaluation.Dataset}.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private static void Row(StringBuilder md, string name, NextItemScores s, double seconds)
    {
        var lists = s.Lists is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Coverage20 * 100:F2} | {l.MostCommonFirstShare * 100:F2} | {l.PopularityPercentile:F1}")
            : "– | – | –";
        var time = double.IsNaN(seconds) ? "–" : seconds.ToString("F0", CultureInfo.InvariantCulture);
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {s.Hr20 * 100:F2} | {s.Mrr20 * 100:F2} | {s.Hr10 * 100:F2} | {s.Mrr10 * 100:F2} | {lists} | {time} |\n");
    }

    private static void SaveChart(string path, NextItemEvaluation evaluation)
    {
        var rankers = new List<(string Name, NextItemScores Scores)>();
        if (evaluation.Served is { } served) rankers.Add(("served", served));
        rankers.Add(("model", evaluation.Model));
        rankers.AddRange(evaluation.Baselines.Select(b => (b.Name, b.Scores)));
        RankBarChart.Save(path, $"{evaluation.Dataset}: HR@20 (blue) and MRR@20 (orange), %", rankers);
    }
}
