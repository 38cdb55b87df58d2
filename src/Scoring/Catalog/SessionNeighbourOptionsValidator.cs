using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// The rules between <see cref="SessionNeighbourOptions"/> settings that DataAnnotations cannot express. <see cref="Check"/>
/// also runs the annotations, for code that builds a <see cref="SessionNeighbourIndex"/> without the host (evaluation, tests).
/// </summary>
public sealed class SessionNeighbourOptionsValidator : IValidateOptions<SessionNeighbourOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionNeighbourOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Annotations and cross-setting rules; throws <see cref="ArgumentException"/> listing every failure.</summary>
    public static void Check(SessionNeighbourOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnnotatedOptions.Check(options, Failures(options), "session-neighbour");
    }

    private static List<string> Failures(SessionNeighbourOptions o)
    {
        var failures = new List<string>();
        if (o.Neighbours > o.SampleSize)
            failures.Add($"SessionNeighbours:Neighbours ({o.Neighbours}) exceeds SessionNeighbours:SampleSize ({o.SampleSize}): only sampled sessions can be neighbours; lower it or raise SampleSize.");
        return failures;
    }
}
