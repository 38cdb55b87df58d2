namespace Journeys.Lab.Replay;

/// <summary>
/// Schedule maths over a whole replay, for choosing a pacing before the replay starts. Gaps follow
/// <see cref="ReplayPacer.DueOffset"/>'s rules: each is measured from the latest time seen so far, and a negative one
/// (input not time-sorted) counts as 0.
/// </summary>
public static class ReplaySchedule
{
    /// <summary>
    /// When the last of <paramref name="timestamps"/> is due under <paramref name="pacing"/>: the replay's length on a
    /// clock that never runs late. 0 for fewer than two events and for <see cref="ReplayPacingMode.AsFastAsPossible"/>.
    /// </summary>
    public static TimeSpan Length(ReplayPacing pacing, IEnumerable<DateTimeOffset> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        // The pacer itself walks the schedule, so this length cannot drift from what a replay does.
        var pacer = new ReplayPacer(pacing);
        var last = TimeSpan.Zero;
        foreach (var t in timestamps)
        {
            last = pacer.DueOffset(t);
        }
        return last;
    }

    /// <summary>
    /// The mean rate <paramref name="pacing"/> offers over <paramref name="timestamps"/>: n − 1 gaps over the schedule's
    /// <see cref="Length"/>, in events per second. Null when the schedule has no length (fewer than two events, as fast
    /// as possible, or a speedup over events that all share one instant): no rate describes that.
    /// </summary>
    public static double? MeanRate(ReplayPacing pacing, IReadOnlyCollection<DateTimeOffset> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        var length = Length(pacing, timestamps);
        return length > TimeSpan.Zero ? (timestamps.Count - 1) / length.TotalSeconds : null;
    }

    /// <summary>
    /// A <see cref="ReplayPacing.Speedup"/> that replays <paramref name="timestamps"/> with their recorded rhythm (busy
    /// stretches faster than quiet ones) at a mean of <paramref name="eventsPerSecond"/>: the factor at which the
    /// recorded gaps, each divided by it, capped at <paramref name="maxWait"/> and raised to at least
    /// <paramref name="minWait"/> (a rate ceiling), add up to (n − 1) / eventsPerSecond.
    /// <para>
    /// The factor cannot come from the time span alone once the cap bites: the cap shortens the idle stretches, and a
    /// span-based factor then runs the busy ones far faster than the mean asked for (the bundled REES46 sample has a
    /// nearly empty two hours between busy minutes). The total wait shrinks as the factor grows, so a bisection
    /// finds the factor that gives the asked length.
    /// </para>
    /// When no factor is slow enough (every gap at the cap still adds up to less), this returns the slowest schedule the
    /// cap allows, and the mean rate is above the one asked for: <see cref="MeanRate"/> tells. When no two events
    /// differ in time the factor changes nothing (each wait is <paramref name="minWait"/>), and this returns 1.
    /// </summary>
    public static ReplayPacing SpeedupForMeanRate(IEnumerable<DateTimeOffset> timestamps, double eventsPerSecond,
        TimeSpan maxWait, TimeSpan? minWait = null)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (!double.IsFinite(eventsPerSecond) || eventsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond,
                "the mean rate must be a positive number of events per second");
        }
        if (maxWait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait,
                "the longest wait must be positive: a zero cap leaves no recorded timing to keep");
        }
        var shortest = minWait ?? TimeSpan.Zero;
        if (shortest < TimeSpan.Zero || shortest.TotalSeconds * eventsPerSecond >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minWait), shortest,
                "the shortest wait must be under the mean gap (1 / eventsPerSecond): the ceiling must be above the mean");
        }

        // Gaps grouped by length (0 for events at the same recorded time): recorded timestamps have a coarse
        // resolution (REES46: whole seconds), so there are few distinct gaps even in millions of events, and each
        // bisection step costs that few operations.
        var gaps = new Dictionary<long, long>();
        var count = 0L;
        DateTimeOffset? latest = null;
        foreach (var t in timestamps)
        {
            count++;
            if (latest is { } previous)
            {
                var ticks = Math.Max(0, (t - previous).Ticks);
                gaps[ticks] = gaps.GetValueOrDefault(ticks) + 1;
            }
            latest = latest is { } l && l > t ? l : t;
        }
        var positive = gaps.Keys.Where(g => g > 0).ToList();
        if (positive.Count == 0)
        {
            return ReplayPacing.Speedup(1, maxWait, shortest);
        }

        var target = (count - 1) * TimeSpan.TicksPerSecond / eventsPerSecond;
        double cap = maxWait.Ticks;
        double floor = shortest.Ticks;
        double Total(double factor) => gaps.Sum(g => Math.Max(Math.Min(g.Key / factor, cap), floor) * g.Value);

        // At `slow` every positive gap sits at the cap: the longest schedule the cap allows.
        var slow = positive.Min() / cap;
        if (Total(slow) <= target)
        {
            return ReplayPacing.Speedup(slow, maxWait, shortest);
        }
        // At `fast` the total is at most the target: without the floor the uncapped gaps alone add up to it; with the
        // floor, at the factor where every gap is at the floor, the total is (n − 1) × floor, under the target.
        var fast = gaps.Sum(g => (double)g.Key * g.Value) / target;
        if (floor > 0)
        {
            fast = Math.Max(fast, positive.Max() / floor);
        }
        // Invariant: Total(slow) > target >= Total(fast). Geometric midpoints, since factors span orders of magnitude.
        for (var i = 0; i < 200 && fast > slow * (1 + 1e-12); i++)
        {
            var middle = Math.Sqrt(slow * fast);
            if (Total(middle) > target)
            {
                slow = middle;
            }
            else
            {
                fast = middle;
            }
        }
        return ReplayPacing.Speedup(fast, maxWait, shortest);
    }
}
