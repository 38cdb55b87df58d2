namespace Journeys.EndToEnd.Tests;

/// <summary>
/// A test that drives Debian's <c>chromium</c> (never a downloaded browser). Outside CI, where it is not installed, the
/// test is skipped with the reason; under CI (<c>CI=true</c>, where <c>.ci/run</c> installs it) it always runs, so a
/// missing browser fails there instead of passing unseen. xunit v2 decides skips at discovery, so the check happens here.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>The browser: JOURNEYS_CHROMIUM, or Debian's package.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("JOURNEYS_CHROMIUM") ?? "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is absent: install Debian's chromium (apt-get install chromium) or set JOURNEYS_CHROMIUM; .ci/run installs it and CI=true makes its absence a failure";
        }
    }
}
