using System.Text.Json.Serialization;

namespace Journeys.Scoring.Pricing;

/// <summary>Source-generated JSON of the demand model file (camelCase, indented: it is meant to be read).</summary>
// Named floating-point literals: a held-out AUC is NaN when the test rows hold one class only, and that must survive a round trip.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(DemandModelRecord))]
internal sealed partial class DemandModelJsonContext : JsonSerializerContext;
