namespace Journeys.Scoring.Advice;

/// <summary>An installed snapshot and its version name (null until its stage first publishes).</summary>
public sealed record LiveView<T>(T Snapshot, string? Version)
{
    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when it was installed (its age on <c>/metrics</c>).</summary>
    public long InstalledAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
