using System.Text.Json.Serialization;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;

namespace Journeys.Contracts.Json;

/// <summary>
/// Source-generated JSON for the public contracts: camelCase names, enums as their wire names, nulls written
/// (a decision's <c>price</c> is explicitly <c>null</c> when there is none).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(ProductFeedItem))]
public sealed partial class JourneysJsonContext : JsonSerializerContext;
