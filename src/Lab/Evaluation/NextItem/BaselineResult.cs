namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>A baseline's metrics on a split, with its parameters and the seconds fitting plus scoring took.</summary>
public sealed record BaselineResult(string Name, string Description, NextItemScores Scores, double Seconds);
