namespace Journeys.Scoring.Model;

/// <summary>One event, encoded as the model's input indices (see <c>FeatureEncoder</c>). Index 0 is out-of-vocabulary/none.</summary>
public readonly record struct StepFeatures(int Type, int Product, int Category, int PriceBucket, int GapBucket);
