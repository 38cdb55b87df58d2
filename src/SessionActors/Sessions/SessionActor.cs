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
/// One live session. Events are applied strictly in mailbox order: <c>ReceiveAsync</c> keeps the mailbox suspended
/// while the model step is awaited, so event n+1 always sees the state event n left.
/// With persistence, the session starts from its snapshot in Garnet (before its first event), hands a new snapshot to
/// the write-behind writer after every event it applies, and skips events its snapshot already covers — re-sending
/// the decision of such an event when the snapshot says its delivery was never confirmed.
/// </summary>
public sealed class SessionActor : ReceiveActor
{
    private readonly string _sessionId;
    private readonly ISessionScorer _scorer;
    private readonly Func<ClickEvent, DateTimeOffset?, StepFeatures> _encode;
    private readonly SessionOptions _options;
    private readonly SessionPersistence? _persistence;
    private readonly DecisionAdvisor? _advisor;
    private SessionState _state;
    // Decisions handed out but not yet confirmed delivered, oldest first; they ride along in each snapshot.
    private readonly Queue<PendingDecision> _pending = new();
    // What the restored snapshot covers: events of this partition at or below this offset were applied already.
    private int _restoredPartition = -1;
    private long _restoredOffset = -1;
    private Dictionary<string, PendingDecision>? _restoredPending;
    // The session's user as its events last said: the snapshot is indexed under it for erase by user.
    private string? _userId;

    public SessionActor(string sessionId, ISessionScorer scorer, Func<ClickEvent, DateTimeOffset?, StepFeatures> encode,
        SessionOptions options, SessionPersistence? persistence, DecisionAdvisor? advisor)
    {
        _advisor = advisor;
        _sessionId = sessionId;
        _scorer = scorer;
        _encode = encode;
        _options = options;
        _persistence = persistence;
        _state = new SessionState(sessionId, scorer.Model.HiddenSize, options);

        ReceiveAsync<ApplyEvent>(HandleAsync);
        Receive<GetSessionState>(_ => Sender.Tell(_state));
        Receive<Routing.EraseSession>(_ => Erase());
    }

    protected override void PreStart()
    {
        if (_persistence is null)
        {
            return;
        }
        // RunTask keeps the mailbox closed until the snapshot is in: the first event already sees the restored state.
        var log = Context.GetLogger();
        RunTask(async () =>
        {
            SessionSnapshot? snapshot;
            try
            {
                // The newest state this process still holds (null if the session was erased), else Garnet's.
                snapshot = _persistence.Writer.TryGetUnwritten(_sessionId, out var unwritten)
                    ? unwritten
                    : await LoadWithRetryAsync(_persistence.Store, log);
            }
            catch (InvalidDataException e)
            {
                // Unreadable by this build (corrupt, or written by a newer format): refusing the session's events would
                // lose every decision, so it goes on from an empty state — loudly.
                log.Error("Session {0}: its snapshot in Garnet cannot be read ({1}); the session continues from an empty state", _sessionId, e.Message);
                return;
            }
            if (snapshot is null)
            {
                return;
            }
            _state = SessionState.Restore(snapshot, _scorer.Model.Version, _scorer.Model.HiddenSize, _options);
            _restoredPartition = snapshot.Partition;
            _restoredOffset = snapshot.Offset;
            // A snapshot still held in this process may list decisions delivered since it was made.
            var undelivered = snapshot.Pending.Where(p => !p.IsDelivered).ToList();
            _restoredPending = undelivered.ToDictionary(p => p.EventId, StringComparer.Ordinal);
            foreach (var p in undelivered)
            {
                _pending.Enqueue(p);
            }
        });
    }

    /// <summary>
    /// Forgets everything about the session so far (its state, its undelivered decisions, what its snapshot covered)
    /// and has its keys deleted after any write of it already queued. Later events start it afresh.
    /// </summary>
    private void Erase()
    {
        _state = new SessionState(_sessionId, _scorer.Model.HiddenSize, _options);
        _pending.Clear();
        _restoredPartition = -1;
        _restoredOffset = -1;
        _restoredPending = null;
        _userId = null;
        _persistence?.Writer.Erase(_sessionId);
    }

    /// <summary>
    /// A session cannot start without knowing whether it has a past: while Garnet is unreachable it waits (its events
    /// wait in its mailbox), and says so.
    /// </summary>
    private async Task<SessionSnapshot?> LoadWithRetryAsync(ISessionStore store, ILoggingAdapter log)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.LoadAsync(_sessionId, CancellationToken.None);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                if (attempt == 1 || attempt % 10 == 0)
                {
                    log.Warning("Session {0} waits for Garnet to load its snapshot (attempt {1}): {2}", _sessionId, attempt, e.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 10 << Math.Min(attempt, 7))));
            }
        }
    }

    /// <remarks>
    /// Built from the type and arguments, not from a lambda: Props.Create(() => new …) compiles an expression tree per
    /// call, i.e. per new session — heavy when hundreds of sessions start at once.
    /// </remarks>
    public static Props Props(string sessionId, ISessionScorer scorer,
        Func<ClickEvent, DateTimeOffset?, StepFeatures> encode, SessionOptions options, SessionPersistence? persistence = null,
        DecisionAdvisor? advisor = null) =>
        Akka.Actor.Props.Create(typeof(SessionActor), sessionId, scorer, encode, options, persistence, advisor);

    private async Task HandleAsync(ApplyEvent message)
    {
        var replyTo = Sender;
        var e = message.Event;
        if (message.Offset >= 0 && message.Partition == _restoredPartition && message.Offset <= _restoredOffset)
        {
            // Consumed again (after a crash or a rebalance): the restored state already holds this event.
            Reply(message, replyTo, _restoredPending is not null && _restoredPending.TryGetValue(e.EventId, out var again)
                ? new EventDecided(again.Decision, again)
                : new EventAlreadyApplied(e.EventId));
            message.ReplyTo?.OnStateDurable();
            return;
        }
        if (_state.HasSeen(e.EventId))
        {
            Reply(message, replyTo, new EventRejected(DeadLetterReason.DuplicateEvent,
                $"event {e.EventId} was already decided for session {e.SessionId}"));
            message.ReplyTo?.OnStateDurable();
            return;
        }

        StepResult step;
        try
        {
            var stepping = StageClock.Start();
            var stepped = _scorer.StepAsync(_encode(e, _state.LastTimestamp), _state.H, _state.C, CancellationToken.None);
            StageClock.Stop(EngineStage.Session, stepping);
            step = await stepped;
        }
#pragma warning disable CA1031 // Any model failure must become a dead letter for this event, not a lost event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The state is untouched: the event was not applied, and a replay of it will be decided normally.
            Reply(message, replyTo, new EventRejected(DeadLetterReason.ProcessingFailed, $"model step failed: {ex.Message}"));
            message.ReplyTo?.OnStateDurable();
            return;
        }

        var started = StageClock.Start();
        _state.Apply(e, step.H, step.C);
        _userId = e.UserId ?? _userId;
        var decision = BuildDecision(e, step, started);
        StageClock.Stop(EngineStage.Session, started);
        if (_persistence is null)
        {
            Reply(message, replyTo, new EventDecided(decision));
            message.ReplyTo?.OnStateDurable();
            return;
        }
        var pending = new PendingDecision(e.EventId, message.Offset, decision);
        Reply(message, replyTo, new EventDecided(decision, pending));
        while (_pending.TryPeek(out var oldest) && oldest.IsDelivered)
        {
            _pending.Dequeue();
        }
        _pending.Enqueue(pending);
        var writing = StageClock.Start();
        var snapshot = _state.ToSnapshot(_scorer.Model.Version, message.Partition, message.Offset, [.. _pending]);
        _persistence.Writer.Enqueue(new SnapshotWrite(_sessionId, snapshot, decision, _userId), message.ReplyTo);
        StageClock.Stop(EngineStage.StateWrite, writing);
    }

    private static void Reply(ApplyEvent message, IActorRef sender, SessionReply reply)
    {
        if (message.ReplyTo is { } sink)
        {
            sink.OnReply(reply);
        }
        else
        {
            sender.Tell(reply);
        }
    }

    private Decision BuildDecision(ClickEvent e, StepResult step, long clock)
    {
        var p = step.StageProbabilities;
        IReadOnlyList<Recommendation> recommendations;
        PriceOffer? price = null;
        string? catalogVersion = null, forecastVersion = null;
        if (_advisor is null)
        {
            // No advisor (unit tests of the actor alone): the model's items as they are, minus the product on screen.
            recommendations = [.. step.TopItems
                .Where(item => !string.Equals(item.ProductId, e.ProductId, StringComparison.Ordinal))
                .Select(item => new Recommendation(item.ProductId, item.Score, "model"))];
        }
        else
        {
            var prior = e.ProductId is { } product && _state.OfferFor(product) is { } shown
                ? new PriorOffer(shown.ProductId, shown.Price, shown.ShownAt)
                : null;
            var advising = StageClock.StartWithin(clock);
            var advice = _advisor.Advise(new AdviceRequest(e, step, [.. _state.RecentItems()], _state.PurchasedItems, prior));
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
            new StageProbabilities(p[0], p[1], p[2], p[3], p[4]),
            step.ConversionProbability,
            step.FrictionScore,
            recommendations,
            price,
            _scorer.Model.Version,
            e.Timestamp,
            // DecidedAt and LatencyMs are stamped by the pipeline when the decision is handed to the producer.
            DecidedAt: default,
            LatencyMs: 0,
            CatalogVersion: catalogVersion,
            ForecastVersion: forecastVersion);
    }
}
