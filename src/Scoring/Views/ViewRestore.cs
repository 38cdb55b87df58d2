namespace Journeys.Scoring.Views;

/// <summary>What a view stage did with its saved state at start.</summary>
/// <param name="View">The view's name.</param>
/// <param name="Restored">True when the state was used; false when there was none or it was refused (<see cref="Error"/>).</param>
/// <param name="Positions">The offsets the restored state covers, per partition (empty when not restored).</param>
/// <param name="Error">Why a saved state was not used; null when restored or when there was none.</param>
public sealed record ViewRestore(string View, bool Restored, IReadOnlyDictionary<int, long> Positions, string? Error);
