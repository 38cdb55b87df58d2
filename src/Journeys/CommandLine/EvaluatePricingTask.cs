using System.CommandLine;
using System.Globalization;
using Journeys.Lab.Pricing;
using Journeys.Scoring.Pricing;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys evaluate --task pricing</c>: the pricing policies on one seeded simulated market (offline logs cannot show
/// the profit of prices never shown): list price, the grid optimizer with an untrained demand model, Journeys' optimizer
/// with a demand model fitted on an exploration phase, and an oracle upper bound — all on the same shoppers.
/// </summary>
internal static class EvaluatePricingTask
{
    public static Func<ParseResult, EvaluateFlags, CancellationToken, int> AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var defaults = new MarketSimulationOptions();
        var shoppers = Flags.Positive("--shoppers", "pricing: shoppers per policy (the exploration phase sees as many others)", defaults.Shoppers, 10_000_000);
        var wtpMean = new Option<double>("--wtp-mean")
        {
            Description = $"pricing: mean over products of ln(median willingness to pay / list price); 0 = list prices right on average, −0.25 = 25 % too high (default {defaults.WtpMean})",
            DefaultValueFactory = _ => defaults.WtpMean,
            Validators = { r => { if (!(Math.Abs(r.GetValueOrDefault<double>()) <= 2)) r.AddError("--wtp-mean must lie within ±2 (a log ratio)"); } },
        };
        command.Options.Add(shoppers);
        command.Options.Add(wtpMean);
        return (parse, flags, cancellationToken) => Run(parse, flags, shoppers, wtpMean, cancellationToken);
    }

    private static int Run(ParseResult parse, EvaluateFlags flags, Option<int> shoppers, Option<double> wtpMean, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var count = parse.GetValue(shoppers);
        var options = new MarketSimulationOptions(Seed: parse.GetValue(flags.Seed), Shoppers: count, ExplorationShoppers: Math.Max(10, count), WtpMean: parse.GetValue(wtpMean));
        var pricing = new PricingOptions();
        Console.Error.WriteLine($"evaluate: pricing: simulated market, seed {options.Seed}, {options.Shoppers:N0} shoppers per policy, {options.Products} products");
        var result = MarketSimulation.Run(options, pricing, line => Console.Error.WriteLine($"evaluate: pricing: {line}"));
        if (parse.GetValue(flags.Out) is { } folder)
        {
            var report = MarketSimulationReport.Write(folder.FullName, result);
            Console.Error.WriteLine($"evaluate: wrote {report}");
        }
        var list = result.Policies.First(r => r.Name == MarketSimulation.List);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pricing, simulated market seed {options.Seed}: {options.Shoppers:N0} shoppers per policy ({result.Seconds:F1} s)"));
        foreach (var r in result.Policies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name,-10} profit {r.Profit,12:N0} ({(r.Profit / list.Profit) - 1,7:+0.0%;-0.0%;0.0%} vs list)  conversion {r.Conversion,7:P2}  mean discount {r.MeanDiscount,6:P1}"));
        }
        if (parse.GetValue(flags.Json)) Console.WriteLine(MarketSimulationReport.ToJson(result).ToJsonString());
        return 0;
    }
}
