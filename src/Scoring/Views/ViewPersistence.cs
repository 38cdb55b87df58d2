namespace Journeys.Scoring.Views;

/// <summary>
/// How a view stage keeps its state across restarts: the state to start from (null: start empty), how often to save
/// it, where saved states go, and where to report what happened (restored, refused, saved).
/// </summary>
/// <param name="Restored">The last saved <see cref="ViewState"/> of this view, or null.</param>
/// <param name="CheckpointInterval">How often the stage saves its state while clicks arrive (also once when the clicks end).</param>
/// <param name="Save">Takes each saved state (the view's name, the encoded <see cref="ViewState"/>); called on the stage's
/// thread, so it must only hand the bytes on.</param>
/// <param name="Report">Hears one line about the restore (what was restored, or why the state was not used).</param>
public sealed record ViewPersistence(byte[]? Restored, TimeSpan CheckpointInterval, Action<string, byte[]> Save, Action<ViewRestore> Report)
{
    /// <summary>
    /// Whether <see cref="Save"/> takes states now (null: always). An engine that does not save the views (another
    /// owns the saving partition, or its assignment has not arrived yet after a restart) declines: the stage then keeps
    /// its changes unsaved and offers them at a later checkpoint, instead of handing over a state that is dropped while
    /// it believes it saved — which, with no click after it, left a restarted engine's views unsaved for good.
    /// </summary>
    public Func<bool>? Accepting { get; init; }
}
