namespace Journeys.Lab.Replay;

/// <summary>A validated pacing choice; build one with <see cref="AsFastAsPossible"/>, <see cref="FixedRate"/> or <see cref="Speedup"/>.</summary>
public sealed record ReplayPacing
{
    private ReplayPacing(ReplayPacingMode mode, double eventsPerSecond, double speedupFactor, TimeSpan? maxWait,
        TimeSpan minWait)
    {
        Mode = mode;
        EventsPerSecond = eventsPerSecond;
        SpeedupFactor = speedupFactor;
        MaxWait = maxWait;
        MinWait = minWait;
    }

    public ReplayPacingMode Mode { get; }

    /// <summary>Target rate in <see cref="ReplayPacingMode.FixedRate"/>; 0 otherwise.</summary>
    public double EventsPerSecond { get; }

    /// <summary>Divisor of recorded gaps in <see cref="ReplayPacingMode.Speedup"/>; 0 otherwise.</summary>
    public double SpeedupFactor { get; }

    /// <summary>
    /// In <see cref="ReplayPacingMode.Speedup"/>, the longest wall-clock wait between two consecutive events; null = no cap.
    /// Real traffic has idle stretches (the night, a crawler pause) that would stall a demo for minutes even at 60×;
    /// the cap shortens only those gaps and leaves the rhythm within busy periods intact.
    /// </summary>
    public TimeSpan? MaxWait { get; }

    /// <summary>
    /// In <see cref="ReplayPacingMode.Speedup"/>, the shortest wall-clock wait between two consecutive events, events
    /// with the same recorded time included: a ceiling of 1 / MinWait on the rate. Compressed enough to be fast on
    /// average, recorded traffic's busy minutes come several times faster than the mean; the ceiling keeps them
    /// within what the consumer is meant to take, and leaves slower stretches as recorded. Zero = no ceiling.
    /// </summary>
    public TimeSpan MinWait { get; }

    public static ReplayPacing AsFastAsPossible { get; } = new(ReplayPacingMode.AsFastAsPossible, 0, 0, null, TimeSpan.Zero);

    public static ReplayPacing FixedRate(double eventsPerSecond)
    {
        if (!double.IsFinite(eventsPerSecond) || eventsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond,
                "the replay rate must be a positive number of events per second");
        }
        return new(ReplayPacingMode.FixedRate, eventsPerSecond, 0, null, TimeSpan.Zero);
    }

    public static ReplayPacing Speedup(double factor, TimeSpan? maxWait = null, TimeSpan? minWait = null)
    {
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                "the speedup must be a positive factor (1 = real time, 60 = one recorded minute per second)");
        }
        if (maxWait is { } cap && cap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), cap, "the longest wait must not be negative");
        }
        if (minWait is { } floor && (floor < TimeSpan.Zero || floor > maxWait))
        {
            throw new ArgumentOutOfRangeException(nameof(minWait), floor,
                "the shortest wait must not be negative nor longer than the longest wait");
        }
        return new(ReplayPacingMode.Speedup, 0, factor, maxWait, minWait ?? TimeSpan.Zero);
    }
}
