using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Journeys.Contracts.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Routing;

/// <summary>
/// Routes each event to its session's actor, creating it on the first event, and passivates idle sessions.
/// Passivation is race-free: once a session is being passivated, new events for it are held here until the old actor
/// has terminated, then handed to a fresh actor in arrival order — none is lost or reordered.
/// </summary>
/// <remarks>
/// Idleness is tracked here, by one periodic sweep, rather than by a receive timeout in each session: a receive
/// timeout is a scheduler registration cancelled and re-made on every event, and the first one made used to start
/// Akka's scheduler from hundreds of new sessions at once. Starting the scheduler blocks its caller until its tick
/// loop runs on the thread pool (akkadotnet/akka.net#8549), so those sessions filled the pool with blocked threads
/// and the engine stalled for tens of seconds at start-up. The sweep's timer starts the scheduler in
/// <see cref="PreStart"/>, before any session exists.
/// </remarks>
public sealed class SessionRegion : ReceiveActor, IWithTimers
{
    // Every session's actor is made from these; its name carries its session id.
    private readonly Props _sessionProps;
    private readonly TimeSpan _idleTimeout;
    private readonly State.SnapshotWriter? _writer;
    // One entry per live session, the bookkeeping inline (no object per session): a million sessions, one table.
    private readonly Dictionary<string, LiveSession> _live = new(StringComparer.Ordinal);
    // Events (and erasures) for sessions whose actor is stopping, in arrival order.
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);
    private long _started;
    private long _passivated;

    public SessionRegion(Props sessionProps, TimeSpan idleTimeout, State.SnapshotWriter? writer = null)
    {
        _sessionProps = sessionProps;
        _idleTimeout = idleTimeout;
        _writer = writer;
        Receive<ApplyEvent>(Route);
        Receive<SweepIdle>(_ => Sweep());
        Receive<Passivate>(p => BeginPassivation(p.SessionId));
        Receive<EraseSession>(Erase);
        Receive<ReleasePartitions>(Release);
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
        Receive<GetRegionStats>(_ => Sender.Tell(new RegionStats(_live.Count, _started, _passivated)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SessionDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var writer = dependencies.Persistence?.Writer;
        return Akka.Actor.Props.Create(() =>
            new SessionRegion(SessionActor.ForNamedSessions(dependencies), dependencies.Options.IdleTimeout, writer));
    }

    /// <summary>A region of sessions without advice (unit tests).</summary>
    public static Props Props(ISessionScorer scorer, Func<ClickEvent, DateTimeOffset?, StepFeatures> encode,
        SessionOptions options, State.SessionPersistence? persistence = null) =>
        Props(new SessionDependencies(scorer, encode, options, persistence, Advisor: null));

    /// <summary>Actor names allow a restricted alphabet; escaping keeps any session id usable and unique.</summary>
    public static string ActorName(string sessionId) => "s-" + Uri.EscapeDataString(sessionId);

    /// <summary>
    /// A quarter of the idle timeout, at most a minute: a session is stopped between one idle timeout and that plus
    /// one sweep after its last event. A sweep walks every live session; at a million sessions that is a few
    /// milliseconds once a minute.
    /// </summary>
    public static TimeSpan SweepInterval(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMinutes(1).Ticks));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(nameof(SweepIdle), SweepIdle.Instance, SweepInterval(_idleTimeout));

    private void Route(ApplyEvent message)
    {
        var started = StageClock.Start();
        RouteTimed(message);
        StageClock.Stop(EngineStage.Route, started);
    }

    private void RouteTimed(ApplyEvent message)
    {
        var id = message.Event.SessionId;
        if (_passivating.TryGetValue(id, out var held))
        {
            held.Add((message, Sender));
            return;
        }
        ref var session = ref CollectionsMarshal.GetValueRefOrAddDefault(_live, id, out var exists);
        if (!exists)
        {
            try
            {
                session = Start(id);
            }
            catch
            {
                _live.Remove(id);
                throw;
            }
        }
        session.LastRouted = Stopwatch.GetTimestamp();
        if (message.Partition >= 0)
        {
            session.Partition = message.Partition;
        }
        session.Actor.Forward(message);
    }

    /// <summary>A new session's actor (the caller puts the entry in <c>_live</c>).</summary>
    private LiveSession Start(string id)
    {
        var actor = Context.ActorOf(_sessionProps, ActorName(id));
        Context.Watch(actor);
        _started++;
        SessionMetrics.LiveSessions.Add(1);
        return new LiveSession(actor);
    }

    private void StartHeld(string id, List<(object Message, IActorRef Sender)> held)
    {
        var fresh = Start(id);
        foreach (var (message, sender) in held)
        {
            fresh.LastRouted = Stopwatch.GetTimestamp();
            if (message is ApplyEvent { Partition: >= 0 } apply)
            {
                fresh.Partition = apply.Partition;
            }
            fresh.Actor.Tell(message, sender);
        }
        _live[id] = fresh;
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        List<string>? idle = null;
        foreach (var (id, session) in _live)
        {
            if (Stopwatch.GetElapsedTime(session.LastRouted, now) >= _idleTimeout)
            {
                (idle ??= []).Add(id);
            }
        }
        foreach (var id in idle ?? [])
        {
            BeginPassivation(id);
        }
    }

    private void BeginPassivation(string id)
    {
        if (!_live.TryGetValue(id, out var session) || _passivating.ContainsKey(id))
        {
            return;
        }
        _passivating[id] = [];
        // Queued behind events already in the session's mailbox, and honoured only once they are all decided.
        session.Actor.Tell(StopWhenIdle.Instance);
    }

    private void Erase(EraseSession message)
    {
        var id = message.SessionId;
        if (_passivating.TryGetValue(id, out var held))
        {
            // The stopping actor may still write: the fresh one erases once it is gone, in order with the held events.
            held.Add((message, Context.System.DeadLetters));
            return;
        }
        if (_live.TryGetValue(id, out var session))
        {
            session.Actor.Forward(message);
            return;
        }
        _writer?.Erase(id);
    }

    /// <summary>
    /// Passivates every session of the partitions. A scan of all live sessions: a revocation is rare, and keeping a
    /// set per partition cost every session an entry on every event.
    /// </summary>
    private void Release(ReleasePartitions message)
    {
        List<string>? leaving = null;
        foreach (var (id, session) in _live)
        {
            if (session.Partition >= 0 && message.Partitions.Contains(session.Partition))
            {
                (leaving ??= []).Add(id);
            }
        }
        foreach (var id in leaving ?? [])
        {
            BeginPassivation(id);
        }
    }

    private void OnTerminated(IActorRef actor)
    {
        // The id is in the actor's name (see ActorName): no table from actor to id is kept for this rare moment.
        var id = SessionIdOf(actor.Path.Name);
        if (!_live.TryGetValue(id, out var session) || !session.Actor.Equals(actor))
        {
            return;
        }
        _live.Remove(id);
        _passivated++;
        SessionMetrics.LiveSessions.Add(-1);
        SessionMetrics.SessionsPassivated.Add(1);
        if (_passivating.Remove(id, out var held) && held.Count > 0)
        {
            StartHeld(id, held);
        }
    }

    /// <summary>The session id an actor name (<see cref="ActorName"/>) stands for.</summary>
    public static string SessionIdOf(string actorName) => Uri.UnescapeDataString(actorName[2..]);

    /// <summary>The region's bookkeeping for one live session actor, stored inline in its table.</summary>
    private struct LiveSession(IActorRef actor)
    {
        public IActorRef Actor { get; } = actor;

        /// <summary>Stopwatch timestamp of the last event routed to it.</summary>
        public long LastRouted { get; set; }

        /// <summary>The partition its events come from (-1 when not from Kafka).</summary>
        public int Partition { get; set; } = -1;
    }

    private sealed class SweepIdle
    {
        public static readonly SweepIdle Instance = new();
    }
}
