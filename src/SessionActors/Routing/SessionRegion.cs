using Akka.Actor;
using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.Routing;

/// <summary>
/// Routes each event to its session's actor, creating it on the first event, and passivates idle sessions.
/// Passivation is race-free: once a session asked to passivate, new events for it are held here until the old actor
/// has terminated, then handed to a fresh actor in arrival order — none is lost or reordered.
/// </summary>
public sealed class SessionRegion : ReceiveActor
{
    private readonly Func<string, Props> _sessionProps;
    private readonly Dictionary<string, IActorRef> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, List<(ApplyEvent Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashSet<string>> _sessionsByPartition = [];
    private long _started;
    private long _passivated;

    public SessionRegion(Func<string, Props> sessionProps)
    {
        _sessionProps = sessionProps;
        Receive<ApplyEvent>(Route);
        Receive<Passivate>(_ => BeginPassivation(Sender));
        Receive<ReleasePartitions>(Release);
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
        Receive<GetRegionStats>(_ => Sender.Tell(new RegionStats(_live.Count, _started, _passivated)));
    }

    public static Props Props(ISessionScorer scorer, Func<ClickEvent, DateTimeOffset?, StepFeatures> encode,
        SessionOptions options) =>
        Akka.Actor.Props.Create(() => new SessionRegion(id => SessionActor.Props(id, scorer, encode, options)));

    /// <summary>Actor names allow a restricted alphabet; escaping keeps any session id usable and unique.</summary>
    public static string ActorName(string sessionId) => "s-" + Uri.EscapeDataString(sessionId);

    private void Route(ApplyEvent message)
    {
        var id = message.Event.SessionId;
        if (_passivating.TryGetValue(id, out var held))
        {
            held.Add((message, Sender));
            return;
        }
        if (!_live.TryGetValue(id, out var session))
        {
            session = Start(id);
        }
        if (message.Partition >= 0)
        {
            if (!_sessionsByPartition.TryGetValue(message.Partition, out var sessions))
            {
                _sessionsByPartition[message.Partition] = sessions = new HashSet<string>(StringComparer.Ordinal);
            }
            sessions.Add(id);
        }
        session.Forward(message);
    }

    private IActorRef Start(string id)
    {
        var session = Context.ActorOf(_sessionProps(id), ActorName(id));
        Context.Watch(session);
        _live[id] = session;
        _ids[session] = id;
        _started++;
        return session;
    }

    private void BeginPassivation(IActorRef session)
    {
        if (!_ids.TryGetValue(session, out var id) || _passivating.ContainsKey(id))
        {
            return;
        }
        _passivating[id] = [];
        // PoisonPill queues behind events already in the session's mailbox, so those are still applied.
        session.Tell(PoisonPill.Instance);
    }

    private void Release(ReleasePartitions message)
    {
        foreach (var partition in message.Partitions)
        {
            if (!_sessionsByPartition.Remove(partition, out var sessions))
            {
                continue;
            }
            foreach (var id in sessions)
            {
                if (_live.TryGetValue(id, out var session))
                {
                    BeginPassivation(session);
                }
            }
        }
    }

    private void OnTerminated(IActorRef session)
    {
        if (!_ids.Remove(session, out var id))
        {
            return;
        }
        _live.Remove(id);
        foreach (var sessions in _sessionsByPartition.Values)
        {
            sessions.Remove(id);
        }
        _passivated++;
        if (_passivating.Remove(id, out var held) && held.Count > 0)
        {
            var fresh = Start(id);
            foreach (var (message, sender) in held)
            {
                fresh.Tell(message, sender);
            }
        }
    }
}
