using System.Diagnostics.Metrics;

namespace Journeys.SessionActors;

/// <summary>
/// The session side's instruments, on the engine's meter name (<c>Journeys</c>), exported on <c>/metrics</c> with the
/// engine's: live sessions, starts and where their state came from, passivations, and the writes of session state to
/// Garnet (snapshots, batch latency, failed batches, fenced refusals). Process-wide, as .NET libraries keep their meters.
/// </summary>
public static class SessionMetrics
{
    private static readonly Meter Meter = new(Contracts.Diagnostics.JourneysMeter.Name);

    public static UpDownCounter<long> LiveSessions { get; } = Meter.CreateUpDownCounter<long>("journeys.sessions.live", "{session}",
        "Session actors alive in this engine");

    /// <summary>Sessions started, by where their state came from (<c>state</c>: <c>garnet</c>, <c>this_engine</c> or <c>none</c>).</summary>
    public static Counter<long> SessionsStarted { get; } = Meter.CreateCounter<long>("journeys.sessions.started", "{session}",
        "Session actors started, by where their state came from");

    public static Counter<long> SessionsPassivated { get; } = Meter.CreateCounter<long>("journeys.sessions.passivated", "{session}",
        "Session actors stopped (idle, partition released or erased)");

    public static Counter<long> StateWrites { get; } = Meter.CreateCounter<long>("journeys.state.writes", "{snapshot}",
        "Session snapshots written to Garnet");

    public static Histogram<double> StateWriteDuration { get; } = Meter.CreateHistogram<double>("journeys.state.write.duration", "s",
        "Time to write one batch of session snapshots to Garnet",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    public static Counter<long> StateWriteErrors { get; } = Meter.CreateCounter<long>("journeys.state.write.errors", "{batch}",
        "Batches of session snapshots Garnet did not take (retried)");

    public static Counter<long> StateWritesFenced { get; } = Meter.CreateCounter<long>("journeys.state.writes.fenced", "{snapshot}",
        "Snapshots refused because another engine owns their partition now");
}
