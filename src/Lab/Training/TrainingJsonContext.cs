using System.Text.Json.Serialization;
using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>Source-generated JSON for training configurations (hashed into the model version).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TrainingOptions))]
internal sealed partial class TrainingJsonContext : JsonSerializerContext;
