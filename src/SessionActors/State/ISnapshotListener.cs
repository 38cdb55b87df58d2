namespace Journeys.SessionActors.State;

/// <summary>Hears the result of a <see cref="SnapshotLoader.Load"/>.</summary>
public interface ISnapshotListener
{
    /// <summary>
    /// The session's snapshot (null: it has none), or why the stored one cannot be read. Called once, on the loader's
    /// thread: quick, and must not throw.
    /// </summary>
    void OnLoaded(SessionSnapshot? snapshot, InvalidDataException? unreadable);
}
