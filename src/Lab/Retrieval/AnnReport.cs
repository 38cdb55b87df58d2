using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Journeys.Scoring.Retrieval;
using ScottPlot;

namespace Journeys.Lab.Retrieval;

/// <summary>The ann evaluation as markdown (ann-report.md), charts (recall vs latency per catalog; cost vs catalog size) and JSON.</summary>
public static class AnnReport
{
    public static JsonObject ToJson(IReadOnlyList<AnnMeasurement> measurements, IReadOnlyList<AnnCrossover> crossover, double? crossoverItems, double recallTarget)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(crossover);
        var rows = new JsonArray();
        foreach (var m in measurements)
        {
            rows.Add(new JsonObject
            {
                ["catalog"] = m.Catalog,
                ["items"] = m.Items - 1,
                ["dimensions"] = m.Dimensions,
                ["index"] = m.Index,
                ["setting"] = m.Setting,
                ["k"] = m.K,
                ["queries"] = m.Queries,
                ["recall"] = Math.Round(m.Recall, 4),
                ["singleP50Us"] = Math.Round(m.SingleP50, 1),
                ["singleP99Us"] = Math.Round(m.SingleP99, 1),
                ["batch32P50Us"] = Math.Round(m.Batch32P50, 1),
                ["batch32P99Us"] = Math.Round(m.Batch32P99, 1),
                ["batch128P50Us"] = Math.Round(m.Batch128P50, 1),
                ["batch128P99Us"] = Math.Round(m.Batch128P99, 1),
                ["perQueryAt128Us"] = Math.Round(m.PerQueryAt128, 2),
                ["cpuSingleUs"] = Math.Round(m.CpuSingle, 1),
                ["cpuPerQueryAt128Us"] = Math.Round(m.CpuPerQueryAt128, 2),
                ["buildSeconds"] = Math.Round(m.BuildSeconds, 2),
                ["memoryBytes"] = m.MemoryBytes,
                ["logNormalizerGap"] = Math.Round(m.LogNormalizerGap, 4),
                ["hitRate"] = m.HitRate is { } hr ? JsonValue.Create(Math.Round(hr, 5)) : null,
            });
        }
        var points = new JsonArray();
        foreach (var c in crossover)
        {
            points.Add(new JsonObject
            {
                ["catalog"] = c.Catalog,
                ["items"] = c.Items - 1,
                ["exactPerQueryUs"] = Math.Round(c.ExactPerQuery, 2),
                ["ivfSetting"] = c.IvfSetting,
                ["ivfPerQueryUs"] = c.IvfPerQuery is { } v ? JsonValue.Create(Math.Round(v, 2)) : null,
                ["ivfRecall"] = c.IvfRecall is { } r ? JsonValue.Create(Math.Round(r, 4)) : null,
                ["speedup"] = c.Speedup is { } s ? JsonValue.Create(Math.Round(s, 2)) : null,
            });
        }
        return new JsonObject
        {
            ["task"] = "ann",
            ["recallTarget"] = recallTarget,
            ["measurements"] = rows,
            ["crossover"] = points,
            ["crossoverItems"] = crossoverItems is { } x ? JsonValue.Create(Math.Round(x)) : null,
        };
    }

    /// <summary>Writes ann-report.md and the charts into <paramref name="folder"/>; returns the report's path.</summary>
    public static string Write(string folder, IReadOnlyList<AnnMeasurement> measurements, IReadOnlyList<AnnCrossover> crossover,
        double? crossoverItems, double recallTarget, string notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(crossover);
        Directory.CreateDirectory(folder);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Retrieval: exact vs approximate (journeys evaluate --task ann)").AppendLine();
        md.AppendLine(notes).AppendLine();
        md.AppendLine("Latencies are µs of wall clock per `Search` call (one query; a batch of 32; a batch of 128, a StepBatcher batch), " +
            "and µs per query within batches of 128 (median batch / 128); CPU µs: process CPU time per single-query call and per query " +
            "in batches of 128 — the work itself, unaffected by other load on the machine, and what the crossover compares. recall@K: share of the exact top K found. log Z gap: mean nats of softmax normalizer " +
            "the candidates miss (an approximate index's probabilities are relative to its candidates). HR@K: the real next item in the top K.").AppendLine();
        foreach (var catalog in measurements.GroupBy(m => m.Catalog))
        {
            var first = catalog.First();
            md.AppendLine(c, $"## {catalog.Key}: {first.Items - 1:N0} items × {first.Dimensions}, {first.Queries:N0} queries, K = {first.K}").AppendLine();
            md.AppendLine("| index | setting | recall@K | single p50 / p99 µs | batch 32 p50 / p99 µs | batch 128 p50 / p99 µs | µs/query @128 | CPU µs single | CPU µs/query @128 | build s | memory MB | log Z gap | HR@K |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in catalog)
            {
                var hitRate = m.HitRate is { } hr ? (hr * 100).ToString("F2", c) + " %" : "–";
                md.AppendLine(c, $"| {m.Index} | {m.Setting} | {m.Recall:F3} | {m.SingleP50:F0} / {m.SingleP99:F0} | {m.Batch32P50:F0} / {m.Batch32P99:F0} | {m.Batch128P50:F0} / {m.Batch128P99:F0} | {m.PerQueryAt128:F1} | {m.CpuSingle:F0} | {m.CpuPerQueryAt128:F1} | {m.BuildSeconds:F1} | {m.MemoryBytes / 1e6:F1} | {m.LogNormalizerGap:F3} | {hitRate} |");
            }
            var chart = $"ann-recall-latency-{Slug(catalog.Key)}.png";
            RecallLatencyChart(Path.Combine(folder, chart), catalog.Key, [.. catalog]);
            md.AppendLine().AppendLine(c, $"![recall vs latency, {catalog.Key}]({chart})").AppendLine();
        }
        md.AppendLine(c, $"## Crossover: exact vs the cheapest IVF setting with recall@K ≥ {recallTarget:F2}").AppendLine();
        md.AppendLine("| catalog | items | exact CPU µs/query @128 | IVF setting | IVF CPU µs/query @128 | IVF recall | exact / IVF |");
        md.AppendLine("|---|---:|---:|---|---:|---:|---:|");
        foreach (var p in crossover)
        {
            var ivfCost = p.IvfPerQuery is { } v ? v.ToString("F1", c) : "–";
            var ivfRecall = p.IvfRecall is { } r ? r.ToString("F3", c) : "–";
            var speedup = p.Speedup is { } s ? s.ToString("F2", c) + "×" : "–";
            md.AppendLine(c, $"| {p.Catalog} | {p.Items - 1:N0} | {p.ExactPerQuery:F1} | {p.IvfSetting ?? "none reached the target"} | {ivfCost} | {ivfRecall} | {speedup} |");
        }
        md.AppendLine().AppendLine(crossoverItems is { } x
            ? string.Create(c, $"Interpolated crossover (log-log between the measured sizes): IVF becomes cheaper than exact at about {x:N0} items.")
            : "Within the measured sizes the cheaper of the two did not change.");
        CrossoverChart(Path.Combine(folder, "ann-crossover.png"), crossover);
        md.AppendLine().AppendLine("![cost per query vs catalog size](ann-crossover.png)");
        var path = Path.Combine(folder, "ann-report.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private static void RecallLatencyChart(string path, string catalog, IReadOnlyList<AnnMeasurement> measurements)
    {
        var plot = new Plot();
        foreach (var series in measurements.GroupBy(m => m.Index == RetrievalModes.Garnet ? $"garnet {m.Setting.Split(',')[0]}" : m.Index))
        {
            var points = series.OrderBy(m => m.CpuPerQueryAt128).ToArray();
            var scatter = plot.Add.Scatter(points.Select(m => Math.Log10(m.CpuPerQueryAt128)).ToArray(), points.Select(m => m.Recall).ToArray());
            scatter.LegendText = series.Key;
            scatter.MarkerSize = 8;
        }
        plot.Title($"{catalog}: recall@{measurements[0].K} vs CPU per query (batches of 128)");
        plot.XLabel("CPU µs per query, log10");
        plot.YLabel($"recall@{measurements[0].K} vs exact");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 560);
    }

    private static void CrossoverChart(string path, IReadOnlyList<AnnCrossover> crossover)
    {
        var plot = new Plot();
        var xs = crossover.Select(p => Math.Log10(p.Items - 1)).ToArray();
        var exact = plot.Add.Scatter(xs, crossover.Select(p => Math.Log10(p.ExactPerQuery)).ToArray());
        exact.LegendText = "exact";
        var withIvf = crossover.Where(p => p.IvfPerQuery is not null).ToArray();
        if (withIvf.Length > 0)
        {
            var ivf = plot.Add.Scatter(withIvf.Select(p => Math.Log10(p.Items - 1)).ToArray(), withIvf.Select(p => Math.Log10(p.IvfPerQuery!.Value)).ToArray());
            ivf.LegendText = "IVF at the recall target";
        }
        plot.Title("CPU per query (batches of 128) vs catalog size");
        plot.XLabel("items, log10");
        plot.YLabel("CPU µs per query, log10");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 560);
    }

    private static string Slug(string name) => new([.. name.Select(ch => char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-')]);
}
