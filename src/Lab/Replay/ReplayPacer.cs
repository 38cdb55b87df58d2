using System.Runtime.CompilerServices;
using Journeys.Contracts.Events;

namespace Journeys.Lab.Replay;

/// <summary>
/// Decides when each event of a replay is due, as an offset from the start of the replay, and waits for it on an
/// injected <see cref="TimeProvider"/> (tests pass a fake clock and never sleep).
/// <para>
/// The schedule is absolute (due offsets from the start, not waits after the previous send): a send that runs late,
/// or a timer that wakes late, is made up by sending the next due events without waiting, so the long-run rate is the
/// requested one. A stall (e.g. broker backpressure) is therefore followed by a catch-up burst at full speed.
/// </para>
/// One pacer paces one replay: <see cref="DueOffset"/> is stateful and not thread-safe.
/// </summary>
public sealed class ReplayPacer
{
    /// <summary>Waits shorter than this are not slept: OS timers cannot resolve them, and the absolute schedule
    /// absorbs the difference (an event goes out at most this much early).</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private long _count;
    private long _dueTicks;
    private DateTimeOffset? _previousEventTime;

    public ReplayPacer(ReplayPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        Pacing = pacing;
    }

    public ReplayPacing Pacing { get; }

    /// <summary>
    /// The offset from the replay's start at which the next event (with recorded time <paramref name="eventTime"/>)
    /// is due. Fixed rate: the n-th event (0-based) is due at n / rate. Speedup: the first event is due at once and
    /// each later one after the recorded gap / factor, capped at <see cref="ReplayPacing.MaxWait"/> and at least
    /// <see cref="ReplayPacing.MinWait"/>; a negative gap (input not time-sorted) counts as 0 rather than moving the
    /// schedule backwards.
    /// </summary>
    public TimeSpan DueOffset(DateTimeOffset eventTime)
    {
        var n = _count++;
        switch (Pacing.Mode)
        {
            case ReplayPacingMode.FixedRate:
                return TimeSpan.FromTicks((long)Math.Round(n * (TimeSpan.TicksPerSecond / Pacing.EventsPerSecond)));
            case ReplayPacingMode.Speedup:
                if (_previousEventTime is { } previous)
                {
                    var gap = Math.Max(0, (eventTime - previous).Ticks);
                    var wait = (long)Math.Round(gap / Pacing.SpeedupFactor);
                    if (Pacing.MaxWait is { } cap)
                    {
                        wait = Math.Min(wait, cap.Ticks);
                    }
                    _dueTicks += Math.Max(wait, Pacing.MinWait.Ticks);
                }
                // Keep the latest time, so one out-of-order event does not make every later gap look huge.
                _previousEventTime = _previousEventTime is { } p && p > eventTime ? p : eventTime;
                return TimeSpan.FromTicks(_dueTicks);
            default:
                return TimeSpan.Zero;
        }
    }

    /// <summary>Yields each event when it is due on <paramref name="clock"/>; the replay starts at the first MoveNext.</summary>
    public async IAsyncEnumerable<ClickEvent> PaceAsync(IEnumerable<ClickEvent> events, TimeProvider clock,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(clock);
        var start = clock.GetTimestamp();
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wait = DueOffset(e.Timestamp) - clock.GetElapsedTime(start);
            if (wait >= MinimumWait)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
            yield return e;
        }
    }
}
