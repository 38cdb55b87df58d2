namespace Journeys.Scoring.Model;

/// <summary>A product id and its next-item score from the model (softmax probability over the item vocabulary).</summary>
public readonly record struct ScoredItem(string ProductId, float Score);
