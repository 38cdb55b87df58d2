namespace Journeys.Demo;

/// <summary>How <c>journeys demo</c> spaces its replay; the JSON summary's <c>mode</c> names it.</summary>
public enum DemoMode
{
    /// <summary>The default: the sample's recorded timing, compressed to a mean of <see cref="DemoPacing.PacedMeanRate"/>.</summary>
    Paced,

    /// <summary><c>--rate R</c>: a fixed R events per second, whatever the timestamps.</summary>
    Rate,

    /// <summary><c>--burst</c>: the whole replay at once; latency then measures draining a backlog.</summary>
    Burst,
}
