namespace Journeys.Scoring.Model;

/// <summary>
/// Metadata of a loaded model. <see cref="Trained"/> is false for a seeded initialization: its figures are not
/// predictions, and <see cref="Version"/> says so (e.g. <c>untrained-seed42-…</c>).
/// </summary>
public sealed record ModelInfo(string Version, bool Trained, int HiddenSize, int ItemCount, int CategoryCount, string Device);
