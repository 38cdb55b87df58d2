using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScottPlot;

namespace Journeys.Lab.Pricing;

/// <summary>The pricing comparison as a markdown table, a PNG chart, and the one-line JSON of <c>journeys evaluate --task pricing --json</c>.</summary>
public static class MarketSimulationReport
{
    public const string MarkdownFileName = "report-pricing.md";
    public const string ChartFileName = "pricing.png";

    /// <summary>Writes the markdown report and its chart into <paramref name="directory"/>; returns the report's path.</summary>
    public static string Write(string directory, MarketSimulationResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        SaveChart(Path.Combine(directory, ChartFileName), result);
        var path = Path.Combine(directory, MarkdownFileName);
        File.WriteAllText(path, Markdown(result) + string.Create(CultureInfo.InvariantCulture, $"\n![profit and conversion per policy]({ChartFileName})\n"));
        return path;
    }

    public static string Markdown(MarketSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var p = result.Pricing;
        var list = result.Policies.First(r => r.Name == MarketSimulation.List);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Pricing on the simulated market (seed {o.Seed})\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"{o.Shoppers:N0} shoppers (the same ones for every policy, each with one purchase draw), {o.Products:N0} products in {o.Categories} categories, {o.UnknownCostShare:P0} of costs unknown to the catalog. " +
            $"A shopper buys at price p with probability q · σ(s · (ln W − ln p)): ln(W / list) ~ N({o.WtpMean}, {o.WtpProductSpread}²) across products + N(0, {o.WtpShopperSpread}²) across shoppers, s log-normal around {o.SensitivityMedian}; pricing sees noisy signals of q (conversion) and s (friction). ");
        md.Append(CultureInfo.InvariantCulture,
            $"Guardrails: margin ≥ {p.MinMargin:P0} over cost, discount ≤ {p.MaxDiscount:P0} (+{p.OverstockExtraDiscount:P0} overstocked, 0 at stock-out risk), never above list; unknown cost assumed at {p.DefaultMargin:P0} margin; grid of {p.GridSteps} steps. Profit uses the true cost. Run took {result.Seconds:F1} s.\n\n");
        md.Append("| policy | profit | vs list | expected profit | conversion | mean discount | revenue | purchases |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in result.Policies)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Profit:N0} | {(r.Profit / list.Profit) - 1:+0.0%;-0.0%;0.0%} | {r.ExpectedProfit:N0} | {r.Conversion:P2} | {r.MeanDiscount:P1} | {r.Revenue:N0} | {r.Purchases:N0} |\n");
        }
        var e = result.Exploration;
        md.Append(CultureInfo.InvariantCulture,
            $"\nExploration phase (other shoppers, {e.Shoppers:N0}): profit {e.Profit:N0}, conversion {e.Conversion:P2}, mean discount {e.MeanDiscount:P1} — the cost of the randomized prices that taught the fitted model.\n\n");
        md.Append("Policies:\n\n");
        foreach (var r in result.Policies)
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{r.Name}`: {r.Description}");
            if (r.Guardrails.Count > 0)
                md.Append(" — guardrail decided: ").Append(string.Join(", ", r.Guardrails.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:N0}"))));
            md.Append('\n');
        }
        md.Append('\n');
        foreach (var (label, model) in new[] { ("fitted", result.Fitted), ("untrained", result.Untrained) })
        {
            var el = model.Record.Elasticity;
            md.Append(CultureInfo.InvariantCulture,
                $"Demand model ({label}, {model.Version}): ∂logit P/∂ln p = {el.LogitPerLogPrice:F2}, price elasticity {el.PriceElasticity:F2}");
            md.Append(model.Record.TrainingRows > 0
                ? string.Create(CultureInfo.InvariantCulture, $" over {model.Record.TrainingRows:N0} logged views ({model.Record.TrainingPurchases:N0} purchases).\n\n")
                : " (seeded weights, never fitted).\n\n");
        }
        md.Append("The oracle bounds what any policy could earn within the same guardrails; the gap between `journeys` and `oracle` is what better demand estimates (or more signals) could still gain.\n");
        return md.ToString();
    }

    public static JsonObject ToJson(MarketSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var policies = new JsonObject();
        foreach (var r in result.Policies) policies[r.Name] = Policy(r);
        return new JsonObject
        {
            ["task"] = "pricing",
            ["seed"] = result.Options.Seed,
            ["shoppers"] = result.Options.Shoppers,
            ["products"] = result.Options.Products,
            ["policies"] = policies,
            ["exploration"] = Policy(result.Exploration),
            ["demand"] = new JsonObject
            {
                ["version"] = result.Fitted.Version,
                ["rows"] = result.Fitted.Record.TrainingRows,
                ["purchases"] = result.Fitted.Record.TrainingPurchases,
                ["logitPerLogPrice"] = Math.Round(result.Fitted.Record.Elasticity.LogitPerLogPrice, 4),
                ["priceElasticity"] = Math.Round(result.Fitted.Record.Elasticity.PriceElasticity, 4),
            },
            ["seconds"] = Math.Round(result.Seconds, 2),
        };
    }

    private static JsonObject Policy(PricingPolicyResult r)
    {
        var guardrails = new JsonObject();
        foreach (var (name, count) in r.Guardrails) guardrails[name] = count;
        return new JsonObject
        {
            ["profit"] = Math.Round(r.Profit, 2),
            ["expectedProfit"] = Math.Round(r.ExpectedProfit, 2),
            ["conversion"] = Math.Round(r.Conversion, 6),
            ["meanDiscount"] = Math.Round(r.MeanDiscount, 6),
            ["revenue"] = Math.Round(r.Revenue, 2),
            ["purchases"] = r.Purchases,
            ["guardrails"] = guardrails,
        };
    }

    // Profit (left axis) and conversion (right axis) side by side per policy; each bar carries its value.
    private static void SaveChart(string path, MarketSimulationResult result)
    {
        var plot = new Plot();
        try
        {
            var policies = result.Policies;
            var profit = policies.Select((r, i) => new Bar
            {
                Position = i * 3,
                Value = r.Profit,
                FillColor = Colors.SteelBlue,
                Label = r.Profit.ToString("N0", CultureInfo.InvariantCulture),
            }).ToList();
            var conversion = policies.Select((r, i) => new Bar
            {
                Position = (i * 3) + 1,
                Value = r.Conversion * 100,
                FillColor = Colors.Orange,
                Label = string.Create(CultureInfo.InvariantCulture, $"{r.Conversion:P1}"),
            }).ToList();
            var profitBars = plot.Add.Bars(profit);
            profitBars.LegendText = "profit (true cost)";
            var conversionBars = plot.Add.Bars(conversion);
            conversionBars.LegendText = "conversion %";
            conversionBars.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "conversion %";
            plot.Axes.Bottom.SetTicks(
                Enumerable.Range(0, policies.Count).Select(i => (i * 3) + 0.5).ToArray(),
                policies.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name}\n(mean discount {r.MeanDiscount:P1})")).ToArray());
            plot.Axes.SetLimitsX(-1, (policies.Count * 3) - 1);
            plot.Axes.SetLimitsY(0, Math.Max(1, policies.Max(r => r.Profit)) * 1.15, plot.Axes.Left);
            plot.Axes.SetLimitsY(0, Math.Max(0.1, policies.Max(r => r.Conversion * 100)) * 1.15, plot.Axes.Right);
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"Simulated market, seed {result.Options.Seed}, ln(WTP/list) mean {result.Options.WtpMean}: {result.Options.Shoppers:N0} shoppers per policy"));
            plot.YLabel("profit");
            plot.ShowLegend(Alignment.UpperLeft);
            plot.SavePng(path, 1000, 560);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
