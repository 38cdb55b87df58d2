using System.ComponentModel.DataAnnotations;

namespace Journeys.SessionActors.Sessions;

/// <summary>Session actor settings (configuration section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// An idle session is passivated (its actor stopped) after this long without events. 30 minutes is the usual
    /// web-analytics session boundary.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00", ErrorMessage = "Sessions:IdleTimeout must be between 10 ms and 7 days (e.g. 00:30:00).")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many recent product ids a session remembers (recommendations and diagnostics).</summary>
    [Range(1, 1000, ErrorMessage = "Sessions:RecentItems must be between 1 and 1000.")]
    public int RecentItems { get; set; } = 20;

    /// <summary>At most this many distinct products in a cart; a bot adding more evicts the oldest line.</summary>
    [Range(1, 10_000, ErrorMessage = "Sessions:MaxCartLines must be between 1 and 10000.")]
    public int MaxCartLines { get; set; } = 100;

    /// <summary>
    /// How many shown prices a session remembers (one per product) for price stability. 50 covers far more products
    /// than a shopper looks at in a session; beyond it the oldest is forgotten and that product may be re-priced.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Sessions:MaxOffers must be between 1 and 10000.")]
    public int MaxOffers { get; set; } = 50;

    /// <summary>
    /// How many of a session's most recent event ids are remembered to refuse duplicates. Real sessions rarely
    /// exceed it; a duplicate older than the window would be decided again (documented limit).
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Sessions:DedupeWindow must be between 1 and 100000.")]
    public int DedupeWindow { get; set; } = 1024;

    /// <summary>
    /// How long the stream waits for a session's answer before failing the engine (the model is stuck). Two minutes:
    /// at start-up on a loaded 2-core machine the first answers have been seen to take over 30 s (a thread-pool stall
    /// whose cause is still open), and failing the engine then turned a slow start into a dead one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Sessions:ReplyTimeout must be between 100 ms and 10 minutes.")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
