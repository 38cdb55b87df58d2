namespace Journeys.Scoring.Model;

/// <summary>
/// The seam between session actors and the model: advance one session's LSTM state by one event.
/// The production implementation (<c>StepBatcher</c>) gathers many sessions' steps into one batched forward.
/// </summary>
public interface ISessionScorer
{
    /// <summary>What the scorer runs: version, dimensions, vocabularies. Every decision names <c>Model.Version</c>.</summary>
    ModelInfo Model { get; }

    /// <summary>
    /// Runs one step. <paramref name="h"/> and <paramref name="c"/> are the session's state before the event
    /// (zeros for a new session, length <c>Model.HiddenSize</c>); the result carries the state after it.
    /// The inputs are not modified.
    /// </summary>
    ValueTask<StepResult> StepAsync(StepFeatures features, float[] h, float[] c, CancellationToken cancellationToken);
}
