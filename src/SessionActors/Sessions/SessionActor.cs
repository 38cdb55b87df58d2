using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// One live session. Events are applied strictly in mailbox order, one model step at a time: while a step is in flight
/// the session holds later messages in a queue of its own and takes them up, in order, when the step's reply arrives
/// — so event n+1 always sees the state event n left, and no per-event task or continuation is needed.
/// With persistence, the session starts from its snapshot in Garnet (read in a batch with other starting sessions,
/// before its first event), hands a new snapshot to the write-behind writer after every event it applies, and skips
/// events its snapshot already covers — re-sending the decision of such an event when the snapshot says its delivery
/// was never confirmed.
/// </summary>
public sealed class SessionActor : UntypedActor
{
    private readonly string _sessionId;
    private readonly SessionDependencies _deps;
    private readonly ISessionScorer _scorer;
    private readonly int _slot;
    private readonly SessionInbox _inbox;
    private SessionState _state;
    // Decisions handed out but not yet confirmed delivered, oldest first; they ride along in each snapshot.
    private readonly Queue<PendingDecision> _pending = new();
    // What the restored snapshot covers: events of this partition at or below this offset were applied already.
    private int _restoredPartition = -1;
    private long _restoredOffset = -1;
    private Dictionary<string, PendingDecision>? _restoredPending;
    // The session's user as its events last said: the snapshot is indexed under it for erase by user.
    private string? _userId;
    // The user the index was last written for, and when: the index (a set and its expiry) is refreshed at half its
    // time to live, not with every snapshot.
    private string? _indexedUser;
    private long _indexedAt;
    // The event whose step is in flight (null: none), and what arrived meanwhile, in order.
    private ApplyEvent? _stepping;
    private IActorRef? _steppingSender;
    private Queue<(object Message, IActorRef Sender)>? _held;
    private bool _loading;

    /// <param name="sessionId">The session's id; null: the one its actor name stands for (<see cref="Routing.SessionRegion.ActorName"/>).</param>
    public SessionActor(string? sessionId, SessionDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        sessionId ??= Routing.SessionRegion.SessionIdOf(Self.Path.Name);
        _sessionId = sessionId;
        _deps = dependencies;
        _scorer = dependencies.Scorer;
        _slot = _scorer.States.Rent();
        _inbox = new SessionInbox(Self, _scorer.States, _slot);
        _state = new SessionState(sessionId, _scorer.States, _slot, dependencies.Options);
    }

    /// <remarks>
    /// An untyped actor (a switch), not a ReceiveActor: a ReceiveActor builds its handler table per instance, a few
    /// hundred bytes and a few microseconds for every session that starts.
    /// </remarks>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StepCompleted:
                OnStepped();
                break;
            case SnapshotLoaded loaded:
                OnLoaded(loaded);
                break;
            case ApplyEvent or GetSessionState or Routing.EraseSession or StopWhenIdle when _loading || _stepping is not null:
                // While loading or stepping, every message waits its turn.
                (_held ??= new Queue<(object, IActorRef)>()).Enqueue((message, Sender));
                break;
            case ApplyEvent apply:
                Begin(apply, Sender);
                break;
            default:
                Handle(message, Sender);
                break;
        }
    }

    /// <remarks>
    /// Made by a producer that calls the constructor: Props.Create(() => new …) compiles an expression tree per call and
    /// Props.Create(type, args) finds the constructor by reflection per call — per new session, either is a large share
    /// of what starting a session costs.
    /// </remarks>
    public static Props Props(string sessionId, SessionDependencies dependencies) => Create(sessionId, dependencies);

    /// <summary>
    /// One Props for every session of a region: each actor takes its session id from its name
    /// (<see cref="Routing.SessionRegion.ActorName"/>), so starting a session makes no Props, producer or closure of its own.
    /// </summary>
    public static Props ForNamedSessions(SessionDependencies dependencies) => Create(null, dependencies);

    private static Props Create(string? sessionId, SessionDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var props = Akka.Actor.Props.CreateBy(new Producer(sessionId, dependencies));
        return dependencies.Mailbox is { } mailbox ? props.WithMailbox(mailbox) : props;
    }

    /// <summary>A session without persistence or advice (unit tests of the actor alone).</summary>
    public static Props Props(string sessionId, ISessionScorer scorer, Func<ClickEvent, DateTimeOffset?, StepFeatures> encode,
        SessionOptions options, SessionPersistence? persistence = null, DecisionAdvisor? advisor = null) =>
        Props(sessionId, new SessionDependencies(scorer, encode, options, persistence, advisor));

    private sealed class Producer(string? sessionId, SessionDependencies dependencies) : IIndirectActorProducer
    {
        public Type ActorType => typeof(SessionActor);

        public ActorBase Produce() => new SessionActor(sessionId, dependencies);

        public void Release(ActorBase actor)
        {
            // Nothing to release: the actor owns nothing the producer made.
        }
    }

    protected override void PreStart()
    {
        if (_deps.Persistence is not { } persistence)
        {
            return;
        }
        // The newest state this process still holds (null if the session was erased), else Garnet's, read in a batch.
        if (persistence.Writer.TryGetUnwritten(_sessionId, out var unwritten))
        {
            if (unwritten is not null)
            {
                Restore(unwritten);
            }
            SessionMetrics.SessionsStarted.Add(1, new KeyValuePair<string, object?>("state", unwritten is null ? "none" : "this_engine"));
            return;
        }
        _loading = true;
        persistence.Loader.Load(_sessionId, _inbox);
    }

    protected override void PostStop()
    {
        // The row goes back to the arena only once the batcher is done with it.
        if (_stepping is null || _inbox.Abandon())
        {
            _scorer.States.Return(_slot);
        }
    }

    private void OnLoaded(SnapshotLoaded loaded)
    {
        _loading = false;
        if (loaded.Unreadable is { } e)
        {
            // Unreadable by this build (corrupt, or written by a newer format): refusing the session's events would
            // lose every decision, so it goes on from an empty state — loudly.
            Context.GetLogger().Error("Session {0}: its snapshot in Garnet cannot be read ({1}); the session continues from an empty state", _sessionId, e.Message);
        }
        else if (loaded.Snapshot is { } snapshot)
        {
            Restore(snapshot);
        }
        SessionMetrics.SessionsStarted.Add(1, new KeyValuePair<string, object?>("state", loaded.Snapshot is null ? "none" : "garnet"));
        TakeHeld();
    }

    private void Restore(SessionSnapshot snapshot)
    {
        _state = SessionState.Restore(snapshot, _scorer.Model.Version, _scorer.States, _slot, _deps.Options);
        _restoredPartition = snapshot.Partition;
        _restoredOffset = snapshot.Offset;
        // A snapshot still held in this process may list decisions delivered since it was made.
        var undelivered = snapshot.Pending.Where(p => !p.IsDelivered).ToList();
        _restoredPending = undelivered.ToDictionary(p => p.EventId, StringComparer.Ordinal);
        foreach (var p in undelivered)
        {
            _pending.Enqueue(p);
        }
    }

    /// <summary>Handles held messages in order until one starts a step (or none is left).</summary>
    private void TakeHeld()
    {
        while (!_loading && _stepping is null && _held is { Count: > 0 } held)
        {
            var (message, sender) = held.Dequeue();
            if (message is ApplyEvent apply)
            {
                Begin(apply, sender);
            }
            else if (!Handle(message, sender))
            {
                return;
            }
        }
    }

    /// <summary>Handles a message other than an event; false when the session is stopping.</summary>
    private bool Handle(object message, IActorRef? sender)
    {
        switch (message)
        {
            case GetSessionState:
                sender?.Tell(_state);
                return true;
            case Routing.EraseSession:
                Erase();
                return true;
            case StopWhenIdle:
                Context.Stop(Self);
                return false;
            default:
                Unhandled(message);
                return true;
        }
    }

    /// <summary>
    /// Forgets everything about the session so far (its state, its undelivered decisions, what its snapshot covered)
    /// and has its keys deleted after any write of it already queued. Later events start it afresh.
    /// </summary>
    private void Erase()
    {
        _state = new SessionState(_sessionId, _scorer.States, _slot, _deps.Options);
        _pending.Clear();
        _restoredPartition = -1;
        _restoredOffset = -1;
        _restoredPending = null;
        _userId = null;
        _indexedUser = null;
        _deps.Persistence?.Writer.Erase(_sessionId);
    }

    /// <summary>Answers an event at once (already applied, duplicate) or submits its model step.</summary>
    private void Begin(ApplyEvent message, IActorRef? sender)
    {
        var started = StageClock.Start();
        var e = message.Event;
        if (message.Offset >= 0 && message.Partition == _restoredPartition && message.Offset <= _restoredOffset)
        {
            // Consumed again (after a crash or a rebalance): the restored state already holds this event.
            Reply(message, sender, _restoredPending is not null && _restoredPending.TryGetValue(e.EventId, out var again)
                && again.UndeliveredJson is { } json && again.Decision is { } decision
                ? new EventDecided(decision, again, json)
                : new EventAlreadyApplied(e.EventId));
            message.ReplyTo?.OnStateDurable();
            StageClock.Stop(EngineStage.Session, started);
            return;
        }
        if (_state.HasSeen(e.EventId))
        {
            Reply(message, sender, new EventRejected(DeadLetterReason.DuplicateEvent,
                $"event {e.EventId} was already decided for session {e.SessionId}"));
            message.ReplyTo?.OnStateDurable();
            StageClock.Stop(EngineStage.Session, started);
            return;
        }
        try
        {
            _scorer.Submit(_deps.Encode(e, _state.LastTimestamp), _slot, _inbox);
        }
#pragma warning disable CA1031 // Any model failure must become a dead letter for this event, not a lost event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Reply(message, sender, new EventRejected(DeadLetterReason.ProcessingFailed, $"model step failed: {ex.Message}"));
            message.ReplyTo?.OnStateDurable();
            StageClock.Stop(EngineStage.Session, started);
            return;
        }
        _stepping = message;
        _steppingSender = sender;
        StageClock.Stop(EngineStage.Session, started);
    }

    private void OnStepped()
    {
        var message = _stepping ?? throw new InvalidOperationException($"session {_sessionId}: a step completed that it did not submit");
        var sender = _steppingSender;
        _stepping = null;
        _steppingSender = null;
        var reply = _inbox.TakeReply();
        try
        {
            if (reply.Error is { } error)
            {
                // The state is untouched: the event was not applied, and a replay of it will be decided normally.
                Reply(message, sender, new EventRejected(DeadLetterReason.ProcessingFailed, $"model step failed: {error.Message}"));
                message.ReplyTo?.OnStateDurable();
            }
            else
            {
                Decide(message, sender, reply);
            }
        }
        finally
        {
            reply.Release();
        }
        TakeHeld();
    }

    private void Decide(ApplyEvent message, IActorRef? sender, StepReply reply)
    {
        var started = StageClock.Start();
        var e = message.Event;
        _state.Apply(e);
        _userId = e.UserId ?? _userId;
        var decision = BuildDecision(e, reply, started);
        var encoding = StageClock.Lap(EngineStage.Session, started);
        // Stamped and written here, where it is handed over: the bytes Kafka gets are the bytes a crash would re-send.
        decision = decision with
        {
            DecidedAt = DateTimeOffset.UtcNow,
            LatencyMs = message.ReceivedTimestamp == 0 ? 0 : Stopwatch.GetElapsedTime(message.ReceivedTimestamp).TotalMilliseconds,
        };
        var json = DecisionJson.ToUtf8Bytes(decision);
        StageClock.Stop(EngineStage.Encode, encoding);
        if (_deps.Persistence is not { } persistence)
        {
            Reply(message, sender, new EventDecided(decision, null, json));
            message.ReplyTo?.OnStateDurable();
            return;
        }
        var pending = new PendingDecision(e.EventId, message.Offset, json);
        Reply(message, sender, new EventDecided(decision, pending, json));
        var writing = StageClock.Start();
        while (_pending.TryPeek(out var oldest) && oldest.IsDelivered)
        {
            _pending.Dequeue();
        }
        _pending.Enqueue(pending);
        var core = SessionSnapshotCodec.EncodeCore(_state, _scorer.Model.Version, message.Partition, message.Offset);
        persistence.Writer.Enqueue(new SnapshotWrite(_sessionId, core, [.. _pending], json, UserToIndex(), message.Partition), message.ReplyTo);
        StageClock.Stop(EngineStage.StateWrite, writing);
    }

    /// <summary>The session's user when its index entry is new or half way to expiring; otherwise null (nothing to write).</summary>
    private string? UserToIndex()
    {
        if (_userId is null
            || (string.Equals(_userId, _indexedUser, StringComparison.Ordinal) && Stopwatch.GetElapsedTime(_indexedAt) < _deps.Options.IdleTimeout / 2))
        {
            return null;
        }
        _indexedUser = _userId;
        _indexedAt = Stopwatch.GetTimestamp();
        return _userId;
    }

    private static void Reply(ApplyEvent message, IActorRef? sender, SessionReply reply)
    {
        if (message.ReplyTo is { } sink)
        {
            sink.OnReply(reply);
        }
        else
        {
            sender?.Tell(reply);
        }
    }

    private Decision BuildDecision(ClickEvent e, StepReply step, StageTimer clock)
    {
        var p = step.StageProbabilities;
        var stages = new StageProbabilities(p[0], p[1], p[2], p[3], p[4]);
        IReadOnlyList<Recommendation> recommendations;
        PriceOffer? price = null;
        string? catalogVersion = null, forecastVersion = null;
        var candidates = StepCandidates.Of(step, _scorer);
        if (_deps.Advisor is not { } advisor)
        {
            // No advisor (unit tests of the actor alone): the model's items as they are, minus the product on screen.
            recommendations = [.. candidates
                .Where(item => !string.Equals(item.ProductId, e.ProductId, StringComparison.Ordinal))
                .Select(item => new Recommendation(item.ProductId, item.Score, "model"))];
        }
        else
        {
            var prior = e.ProductId is { } product && _state.OfferFor(product) is { } shown
                ? new PriorOffer(shown.ProductId, shown.Price, shown.ShownAt)
                : null;
            var advising = StageClock.StartWithin(clock);
            var result = new StepResult([], [], [], step.ConversionProbability, step.FrictionScore, candidates);
            var advice = advisor.Advise(new AdviceRequest(e, result, [.. _state.RecentItems()], _state.PurchasedItems, prior));
            StageClock.StopNested(EngineStage.Advice, EngineStage.Session, advising);
            recommendations = advice.Recommendations;
            price = advice.Price;
            catalogVersion = advice.CatalogVersion;
            forecastVersion = advice.ForecastVersion;
            if (price is not null)
            {
                // The shown time stays at the price's first showing: re-showing the same price must not extend its window.
                _state.RememberOffer(prior is not null && prior.OfferPrice.Equals(price.OfferPrice)
                    ? new ShownOffer(price.ProductId, price.OfferPrice, prior.ShownAt)
                    : new ShownOffer(price.ProductId, price.OfferPrice, e.Timestamp));
            }
        }
        return new Decision(
            e.EventId,
            e.SessionId,
            _state.Sequence,
            _state.Stage,
            stages,
            step.ConversionProbability,
            step.FrictionScore,
            recommendations,
            price,
            _scorer.Model.Version,
            e.Timestamp,
            // Stamped when the decision is written, just before it is handed over.
            DecidedAt: default,
            LatencyMs: 0,
            CatalogVersion: catalogVersion,
            ForecastVersion: forecastVersion);
    }
}
