using Journeys.Contracts.Events;

namespace Journeys.Scoring.Views;

/// <summary>
/// What a <see cref="ViewStage{TModel, TSnapshot}"/> needs of the model it keeps: count a click, say whether anything
/// changed since the last snapshot, publish the next snapshot, and write its state for <see cref="ViewState"/>.
/// Single-threaded: the stage's logic is the only caller.
/// </summary>
public interface IViewModel<out TSnapshot>
{
    void Observe(ClickEvent click);

    /// <summary>True when something changed since the last <see cref="Publish"/>.</summary>
    bool HasChanges { get; }

    /// <summary>The next snapshot (a new version); clears <see cref="HasChanges"/>.</summary>
    TSnapshot Publish();

    /// <summary>Everything the model holds, for a restore that goes on exactly as this model would.</summary>
    void WriteState(BinaryWriter writer);
}
