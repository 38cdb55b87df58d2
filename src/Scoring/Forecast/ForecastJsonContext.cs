using System.Text.Json.Serialization;

namespace Journeys.Scoring.Forecast;

// Named float literals: a product that does not sell has +∞ days of cover, which plain JSON numbers cannot carry.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ForecastSnapshotDocument))]
internal sealed partial class ForecastJsonContext : JsonSerializerContext;
