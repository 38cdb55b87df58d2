namespace Journeys.Lab.Replay;

/// <summary>How a replay spaces its events in wall-clock time.</summary>
public enum ReplayPacingMode
{
    /// <summary>No waiting: the producer's own backpressure is the only limit.</summary>
    AsFastAsPossible,

    /// <summary>A fixed number of events per second, regardless of the events' timestamps (<c>--rate R</c>).</summary>
    FixedRate,

    /// <summary>The recorded gaps between events, divided by a factor (<c>--speedup X</c>).</summary>
    Speedup,
}
