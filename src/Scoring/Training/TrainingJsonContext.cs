using System.Text.Json.Serialization;

namespace Journeys.Scoring.Training;

/// <summary>Source-generated JSON for training configurations (hashed into the model version).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TrainingOptions))]
internal sealed partial class TrainingJsonContext : JsonSerializerContext;
