using Journeys.Scoring.Batching;

namespace Journeys.Scoring.Model;

/// <summary>
/// The seam between session actors and the model: advance one session's LSTM state by one event. The production
/// implementation (<c>StepBatcher</c>) gathers many sessions' steps into one batched forward. A session's state lives in
/// a row of <see cref="States"/>, which the scorer reads and overwrites in place; nothing is allocated per step.
/// </summary>
public interface ISessionScorer
{
    /// <summary>What the scorer runs: version, dimensions, vocabularies. Every decision names <c>Model.Version</c>.</summary>
    ModelInfo Model { get; }

    /// <summary>The product id at one of the model's vocabulary indices (as in a step's top items), or null for none.</summary>
    string? ProductAt(int index);

    /// <summary>The rows of LSTM state (h, c) sessions rent from; width 2 × <c>Model.HiddenSize</c>.</summary>
    StateArena States { get; }

    /// <summary>
    /// Queues one step for the session whose state is row <paramref name="slot"/>. Until
    /// <see cref="IStepListener.OnStepped"/> is called the caller must not touch the row; by then the row holds the
    /// state after the event, or — if the step failed — still the state before it. Features are checked here, so a bad
    /// index throws to this caller instead of failing a whole batch.
    /// </summary>
    void Submit(StepFeatures features, int slot, IStepListener listener);
}
