using System.Globalization;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Pricing;

/// <summary>Checks <see cref="PricingOptions"/> at start; each failure names the setting and the fix.</summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    /// <summary>Beyond a day a "session" price is a standing price, which is the product feed's job.</summary>
    public static readonly TimeSpan MaxStabilityWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!(options.MinMargin is >= 0 and <= 10))
            failures.Add(F($"Pricing:MinMargin is {options.MinMargin}; use a fraction of cost from 0 to 10 (default 0.05 = 5 % above cost)."));
        if (!(options.MaxDiscount is >= 0 and < 1))
            failures.Add(F($"Pricing:MaxDiscount is {options.MaxDiscount}; use a fraction of the list price from 0 (no discounts) to below 1 (default 0.20)."));
        if (!(options.OverstockExtraDiscount >= 0))
            failures.Add(F($"Pricing:OverstockExtraDiscount is {options.OverstockExtraDiscount}; use 0 or a positive fraction (default 0.10)."));
        else if (options.MaxDiscount is >= 0 and < 1 && !(options.MaxDiscount + options.OverstockExtraDiscount < 1))
            failures.Add(F($"Pricing:MaxDiscount + Pricing:OverstockExtraDiscount is {options.MaxDiscount + options.OverstockExtraDiscount}; lower one so their sum stays below 1 (an overstocked product would otherwise be given away)."));
        if (options.StabilityWindow < TimeSpan.Zero || options.StabilityWindow > MaxStabilityWindow)
            failures.Add($"Pricing:StabilityWindow is {options.StabilityWindow}; use a duration from 00:00:00 (no stability) to {MaxStabilityWindow} (default 00:30:00).");
        if (!(options.DefaultMargin is > 0 and < 1))
            failures.Add(F($"Pricing:DefaultMargin is {options.DefaultMargin}; use the assumed (list − cost) / list strictly between 0 and 1 (default 0.30)."));
        if (options.GridSteps is < 1 or > 10_000)
            failures.Add(F($"Pricing:GridSteps is {options.GridSteps}; use 1 to 10000 (default 20)."));
        if (options.PriceDecimals is < 0 or > 6)
            failures.Add(F($"Pricing:PriceDecimals is {options.PriceDecimals}; use 0 to 6 (default 2)."));
        if (options.DemandModelPath is { } path)
        {
            if (string.IsNullOrWhiteSpace(path))
                failures.Add("Pricing:DemandModelPath is blank; remove it to offer list prices, or name a file written by journeys train --task demand.");
            else if (!File.Exists(path))
                failures.Add($"Pricing:DemandModelPath '{Path.GetFullPath(path)}' does not exist; write one with journeys train --task demand --out FILE, or remove the setting to offer list prices.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
