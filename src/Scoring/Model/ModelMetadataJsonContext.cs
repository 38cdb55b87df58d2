using System.Text.Json.Serialization;

namespace Journeys.Scoring.Model;

/// <summary>Source-generated JSON for the metadata block of a model file (camelCase, indented so `strings` shows it readably).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class ModelMetadataJsonContext : JsonSerializerContext;
