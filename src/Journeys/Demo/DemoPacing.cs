using System.Diagnostics;
using Journeys.Lab.Replay;

namespace Journeys.Demo;

/// <summary>
/// The demo's pacing made concrete for the events it replays: what the replayer follows, the mean rate it offers
/// (null for a burst) and how long its schedule runs.
/// </summary>
public sealed record DemoPacing(DemoMode Mode, ReplayPacing Replay, double? OfferedRate, TimeSpan Length)
{
    /// <summary>
    /// The paced mean rate: busy enough for the batcher to batch, and well under the rates at which the load test keeps
    /// p99 below 50 ms on two cores (docs/performance.md), so latency measures deciding, not queueing.
    /// </summary>
    public const double PacedMeanRate = 1000;

    /// <summary>
    /// The longest wait between two paced events, in mean gaps. The bundled sample has nearly empty hours between busy
    /// minutes; without a cap they would stall the demo, and a cap that is too tight flattens the rhythm into a fixed
    /// rate or cannot reach the mean at all: the cap must exceed the sample's events per distinct recorded second.
    /// </summary>
    public const double PacedMaxWaitInMeanGaps = 10;

    /// <summary>
    /// The paced rate ceiling, in means. Most of the sample's events fall in its last minutes, so compressed to the mean
    /// with only the wait cap its busiest seconds came far above what the demo's engine drains on two cores, and the
    /// latency measured a backlog again; with the ceiling the busy seconds stay within reach. (Figures: CHANGELOG and
    /// docs/benchmarks/2026-11-28-engine.md.)
    /// </summary>
    public const double PacedMaxRateInMeans = 1.5;

    public static DemoPacing Burst { get; } = new(DemoMode.Burst, ReplayPacing.AsFastAsPossible, null, TimeSpan.Zero);

    /// <summary>Fixed <paramref name="rate"/> events per second (<c>--rate</c>).</summary>
    public static DemoPacing FixedRate(double rate, IReadOnlyCollection<DateTimeOffset> timestamps)
    {
        var replay = ReplayPacing.FixedRate(rate);
        return new(DemoMode.Rate, replay, rate, ReplaySchedule.Length(replay, timestamps));
    }

    /// <summary>The default: the events' recorded rhythm at a mean of <see cref="PacedMeanRate"/>.</summary>
    public static DemoPacing Paced(IReadOnlyCollection<DateTimeOffset> timestamps)
    {
        var maxWait = TimeSpan.FromSeconds(PacedMaxWaitInMeanGaps / PacedMeanRate);
        var minWait = TimeSpan.FromSeconds(1 / (PacedMaxRateInMeans * PacedMeanRate));
        var replay = ReplaySchedule.SpeedupForMeanRate(timestamps, PacedMeanRate, maxWait, minWait);
        // The rate the schedule really offers, not the one asked for: the two differ when the events cannot give it
        // (a single event; or so little recorded time between them that the ceiling sets the pace).
        return new(DemoMode.Paced, replay, ReplaySchedule.MeanRate(replay, timestamps), ReplaySchedule.Length(replay, timestamps));
    }

    /// <summary>The JSON summary's <c>mode</c>.</summary>
    public string JsonName => Mode switch
    {
        DemoMode.Paced => "paced",
        DemoMode.Rate => "rate",
        DemoMode.Burst => "burst",
        _ => throw new UnreachableException(),
    };

    /// <summary>One line for people, saying what the latency figures measure.</summary>
    public string Describe() => Mode switch
    {
        DemoMode.Paced when OfferedRate is { } rate =>
            $"paced: sample timing compressed ×{Replay.SpeedupFactor:#,0} to ≈ {rate:#,0} events/s (at most {1 / Replay.MinWait.TotalSeconds:#,0} events/s, no wait over {Replay.MaxWait?.TotalMilliseconds:0} ms)",
        DemoMode.Paced => "paced: a single event",
        DemoMode.Rate => $"fixed rate {OfferedRate:#,0.##} events/s",
        DemoMode.Burst => "burst: the whole replay at once (latency measures draining a backlog)",
        _ => throw new UnreachableException(),
    };
}
