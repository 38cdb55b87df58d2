namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>A bootstrap 95 % interval (<see cref="AucBootstrap"/>); NaN bounds where the AUC is undefined.</summary>
public readonly record struct AucInterval(double Low, double High);
