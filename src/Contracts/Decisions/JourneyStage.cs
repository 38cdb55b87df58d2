using System.Text.Json.Serialization;

namespace Journeys.Contracts.Decisions;

/// <summary>The stages of a shopper's journey, in order: a later stage is "further".</summary>
public enum JourneyStage
{
    [JsonStringEnumMemberName("awareness")] Awareness,
    [JsonStringEnumMemberName("consideration")] Consideration,
    [JsonStringEnumMemberName("intent")] Intent,
    [JsonStringEnumMemberName("purchase")] Purchase,
    [JsonStringEnumMemberName("loyalty")] Loyalty,
}
