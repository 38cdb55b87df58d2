using System.Globalization;

namespace Journeys.Lab.Replay;

/// <summary>A snapshot of a replay's progress for the CLI to render.</summary>
/// <param name="Total">Events the replay will send, when known in advance.</param>
/// <param name="EventsPerSecond">Mean rate since the start (0 before any time has passed).</param>
/// <param name="Eta">Time left at the mean rate so far; null when the total or the rate is unknown.</param>
public readonly record struct ReplayProgress(long Sent, long? Total, TimeSpan Elapsed, double EventsPerSecond,
    TimeSpan? Eta)
{
    /// <summary>Share done, 0…1; null when the total is unknown.</summary>
    public double? Fraction => Total is > 0 and var t ? Math.Min(1.0, (double)Sent / t) : null;

    /// <summary>One line such as "12,000/17,434 events (68.8%) · 950 ev/s · ETA 0:00:05".</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sent = Total is { } t
            ? string.Format(c, "{0:N0}/{1:N0} events ({2:F1}%)", Sent, t, 100 * (Fraction ?? 0))
            : string.Format(c, "{0:N0} events", Sent);
        var eta = Eta is { } e ? string.Format(c, " · ETA {0}", e.ToString(@"h\:mm\:ss", c)) : string.Empty;
        return string.Format(c, "{0} · {1:N0} ev/s{2}", sent, EventsPerSecond, eta);
    }
}
