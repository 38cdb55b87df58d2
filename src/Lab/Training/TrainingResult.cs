using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>A trained model (best validation epoch, eval mode, metadata with <see cref="Record"/>) and its training record.</summary>
public sealed record TrainingResult(ScoringModel Model, TrainingRecord Record);
