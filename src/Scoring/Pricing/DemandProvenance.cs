namespace Journeys.Scoring.Pricing;

/// <summary>Where a demand model's training rows came from, recorded in its file.</summary>
/// <param name="Source">Human-readable: dataset and file, or the simulator run.</param>
/// <param name="DataSha256">SHA-256 of the training data file(s); null for generated data.</param>
/// <param name="SessionModelVersion">The session model whose conversion and friction were the inputs; null when none.</param>
public sealed record DemandProvenance(string Source, string? DataSha256, string? SessionModelVersion, DateTimeOffset Trained);
