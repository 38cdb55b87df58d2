using System.ComponentModel.DataAnnotations;

namespace Journeys.SessionActors.State;

/// <summary>Where session state lives (configuration section <c>State</c>).</summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>
    /// <c>host:port</c> of a Garnet (or Redis) server; empty starts an embedded Garnet in this process, whose state
    /// dies with the process.
    /// </summary>
    [RegularExpression(@"^$|^[^\s:]+:\d{1,5}$", ErrorMessage = "State:Garnet must be host:port (e.g. garnet:6379) or empty for the embedded Garnet.")]
    public string Garnet { get; set; } = string.Empty;

    /// <summary>Password of the Garnet server (AUTH), if it has one.</summary>
    public string? Password { get; set; }

    /// <summary>Prefix of every key Journeys writes (see docs/configuration.md, "Session state in Garnet").</summary>
    [RegularExpression(@"^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "State:KeyPrefix must be 1-64 letters, digits, '_', '.' or '-'.")]
    public string KeyPrefix { get; set; } = "journeys";

    /// <summary>
    /// How long snapshots collect before one pipelined write: a session with several events in that time is written
    /// once. Offsets are committed only after their sessions' snapshots are written, so this adds to commit lag, not
    /// to decision latency.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "State:FlushInterval must be between 1 ms and 10 s.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(5);
}
