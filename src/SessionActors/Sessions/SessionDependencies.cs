using Journeys.Contracts.Events;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Model;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// What every session actor shares: the model (scorer and its feature encoding), the settings, persistence and the
/// advisor. One object for all sessions, so starting a session passes one reference, not six.
/// </summary>
/// <param name="Encode">An event and the session's previous event time → the model's input indices.</param>
public sealed record SessionDependencies(
    ISessionScorer Scorer,
    Func<ClickEvent, DateTimeOffset?, StepFeatures> Encode,
    SessionOptions Options,
    SessionPersistence? Persistence,
    DecisionAdvisor? Advisor)
{
    /// <summary>
    /// The configuration path of the sessions' mailbox (<see cref="SessionMailbox.ConfigPath"/> where the actor system
    /// declares it); null: Akka's default mailbox.
    /// </summary>
    public string? Mailbox { get; init; }
}
