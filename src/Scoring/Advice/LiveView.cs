namespace Journeys.Scoring.Advice;

/// <summary>An installed snapshot and its version name (null until its stage first publishes).</summary>
public sealed record LiveView<T>(T Snapshot, string? Version);
