using Akka.Actor;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Scoring.Model;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// One live session. Events are applied strictly in mailbox order: <c>ReceiveAsync</c> keeps the mailbox suspended
/// while the model step is awaited, so event n+1 always sees the state event n left.
/// </summary>
public sealed class SessionActor : ReceiveActor
{
    private readonly ISessionScorer _scorer;
    private readonly Func<ClickEvent, DateTimeOffset?, StepFeatures> _encode;
    private readonly SessionState _state;

    public SessionActor(string sessionId, ISessionScorer scorer, Func<ClickEvent, DateTimeOffset?, StepFeatures> encode,
        SessionOptions options)
    {
        _scorer = scorer;
        _encode = encode;
        _state = new SessionState(sessionId, scorer.Model.HiddenSize, options);

        ReceiveAsync<ApplyEvent>(HandleAsync);
        Receive<GetSessionState>(_ => Sender.Tell(_state));
    }

    /// <remarks>
    /// Built from the type and arguments, not from a lambda: Props.Create(() => new …) compiles an expression tree per
    /// call, i.e. per new session — heavy when hundreds of sessions start at once.
    /// </remarks>
    public static Props Props(string sessionId, ISessionScorer scorer,
        Func<ClickEvent, DateTimeOffset?, StepFeatures> encode, SessionOptions options) =>
        Akka.Actor.Props.Create(typeof(SessionActor), sessionId, scorer, encode, options);

    private async Task HandleAsync(ApplyEvent message)
    {
        var replyTo = Sender;
        var e = message.Event;
        if (_state.HasSeen(e.EventId))
        {
            Reply(message, replyTo, new EventRejected(DeadLetterReason.DuplicateEvent,
                $"event {e.EventId} was already decided for session {e.SessionId}"));
            return;
        }

        StepResult step;
        try
        {
            step = await _scorer.StepAsync(_encode(e, _state.LastTimestamp), _state.H, _state.C, CancellationToken.None);
        }
#pragma warning disable CA1031 // Any model failure must become a dead letter for this event, not a lost event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The state is untouched: the event was not applied, and a replay of it will be decided normally.
            Reply(message, replyTo, new EventRejected(DeadLetterReason.ProcessingFailed, $"model step failed: {ex.Message}"));
            return;
        }

        _state.Apply(e, step.H, step.C);
        Reply(message, replyTo, new EventDecided(BuildDecision(e, step)));
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

    private Decision BuildDecision(ClickEvent e, StepResult step)
    {
        var p = step.StageProbabilities;
        var recommendations = new List<Recommendation>(step.TopItems.Count);
        foreach (var item in step.TopItems)
        {
            // Recommending the product the shopper is looking at right now tells them nothing.
            if (!string.Equals(item.ProductId, e.ProductId, StringComparison.Ordinal))
            {
                recommendations.Add(new Recommendation(item.ProductId, item.Score, "model"));
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
            Price: null,
            _scorer.Model.Version,
            e.Timestamp,
            // DecidedAt and LatencyMs are stamped by the pipeline when the decision is handed to the producer.
            DecidedAt: default,
            LatencyMs: 0);
    }
}
