using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// The rules between <see cref="CatalogOptions"/> settings that DataAnnotations cannot express; each failure says
/// which setting to change and how. <see cref="Check"/> also runs the annotations, for code that builds a
/// <see cref="CatalogModel"/> without the host (evaluation, tests).
/// </summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    /// <summary>Most buckets in the long window: each tracked product keeps one counter per bucket.</summary>
    public const int MaxTrendBuckets = 10_000;

    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Annotations and cross-setting rules; throws <see cref="ArgumentException"/> listing every failure.</summary>
    public static void Check(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnnotatedOptions.Check(options, Failures(options), "catalog");
    }

    private static List<string> Failures(CatalogOptions o)
    {
        var failures = new List<string>();
        if (o.PublishedRelationsPerItem > o.MaxRelationsPerItem)
            failures.Add($"Catalog:PublishedRelationsPerItem ({o.PublishedRelationsPerItem}) exceeds Catalog:MaxRelationsPerItem ({o.MaxRelationsPerItem}); lower it or raise MaxRelationsPerItem.");
        if (o.RelationHalfLife is { } halfLife && halfLife <= TimeSpan.Zero)
            failures.Add($"Catalog:RelationHalfLife is {halfLife}; use a positive duration (default 7.00:00:00) or remove it for no decay.");
        if (o.TrendBucket <= TimeSpan.Zero) return failures;
        if (o.TrendShortWindow.Ticks % o.TrendBucket.Ticks != 0 || o.TrendLongWindow.Ticks % o.TrendBucket.Ticks != 0)
            failures.Add($"Catalog:TrendShortWindow ({o.TrendShortWindow}) and Catalog:TrendLongWindow ({o.TrendLongWindow}) must be whole multiples of Catalog:TrendBucket ({o.TrendBucket}).");
        if (o.TrendShortWindow >= o.TrendLongWindow)
            failures.Add($"Catalog:TrendShortWindow ({o.TrendShortWindow}) must be shorter than Catalog:TrendLongWindow ({o.TrendLongWindow}).");
        else if (o.TrendShortWindow > TimeSpan.Zero && o.RisingMomentum >= o.TrendLongWindow / o.TrendShortWindow)
            failures.Add($"Catalog:RisingMomentum ({o.RisingMomentum}) must be below TrendLongWindow / TrendShortWindow ({o.TrendLongWindow / o.TrendShortWindow:0.##}), the highest momentum there is; lower it or lengthen the long window.");
        if (o.TrendLongWindow / o.TrendBucket > MaxTrendBuckets)
            failures.Add($"Catalog:TrendLongWindow / Catalog:TrendBucket is {o.TrendLongWindow / o.TrendBucket:0}; at most {MaxTrendBuckets} buckets per product: widen the bucket or shorten the window.");
        if (o.DecliningMomentum >= o.RisingMomentum)
            failures.Add($"Catalog:DecliningMomentum ({o.DecliningMomentum}) must be below Catalog:RisingMomentum ({o.RisingMomentum}).");
        return failures;
    }
}
