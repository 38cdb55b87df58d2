using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Catalog;

/// <summary>The start-time check of options built without the host (evaluation, tests): annotations and cross-setting rules together.</summary>
internal static class AnnotatedOptions
{
    /// <summary>Throws <see cref="ArgumentException"/> listing every failed annotation of <paramref name="options"/> and every failed rule.</summary>
    public static void Check(object options, IEnumerable<string> ruleFailures, string what)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames)).Concat(ruleFailures).ToList();
        if (failures.Count > 0) throw new ArgumentException($"Invalid {what} options: " + string.Join(" ", failures), nameof(options));
    }
}
