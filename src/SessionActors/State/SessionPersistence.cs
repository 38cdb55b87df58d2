namespace Journeys.SessionActors.State;

/// <summary>What a session needs to load and save its state: the batched reader of snapshots and the write-behind writer.</summary>
public sealed record SessionPersistence(SnapshotLoader Loader, SnapshotWriter Writer);
