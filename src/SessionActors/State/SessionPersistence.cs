namespace Journeys.SessionActors.State;

/// <summary>What a session needs to load and save its state: the store to read from and the write-behind writer.</summary>
public sealed record SessionPersistence(ISessionStore Store, SnapshotWriter Writer);
