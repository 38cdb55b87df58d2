namespace Journeys.Ingest.Tests;

/// <summary>Topic and group names no other test (or parallel run) shares.</summary>
internal static class Unique
{
    public static string Topic() => $"t-{Guid.NewGuid():N}";

    public static string Group() => $"g-{Guid.NewGuid():N}";
}
