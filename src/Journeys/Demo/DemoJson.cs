using System.Text.Json;

namespace Journeys.Demo;

/// <summary>
/// The one-line JSON summary (documented keys first: events, decisions, deadLetters, latencyMs, then mode and
/// offeredRate, which say what the latency measures).
/// </summary>
public static class DemoJson
{
    public static string Write(DemoResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("events", r.Events);
            w.WriteNumber("decisions", r.Decisions);
            w.WriteNumber("deadLetters", r.DeadLetters);
            w.WriteStartObject("latencyMs");
            w.WriteNumber("p50", Math.Round(r.LatencyP50Ms, 3));
            w.WriteNumber("p99", Math.Round(r.LatencyP99Ms, 3));
            w.WriteNumber("max", Math.Round(r.LatencyMaxMs, 3));
            w.WriteEndObject();
            w.WriteString("mode", r.Pacing.JsonName);
            if (r.Pacing.OfferedRate is { } offered)
            {
                w.WriteNumber("offeredRate", Math.Round(offered, 1));
            }
            else
            {
                w.WriteNull("offeredRate");
            }
            w.WriteNumber("eventsPerSecond", Math.Round(r.EventsPerSecond, 1));
            w.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 2));
            w.WriteString("modelVersion", r.ModelVersion);
            w.WriteNumber("liveSessions", r.LiveSessions);
            w.WriteNumber("managedBytesPerSession", Math.Round(r.ManagedBytesPerSession));
            w.WriteStartObject("batch");
            w.WriteNumber("batches", r.Batches);
            w.WriteNumber("mean", Math.Round(r.BatchMean, 2));
            w.WriteNumber("p50", r.BatchP50);
            w.WriteNumber("p99", r.BatchP99);
            w.WriteNumber("max", r.BatchMax);
            w.WriteEndObject();
            WriteCounts(w, "recommendationReasons", r.RecommendationReasons);
            if (r.Lists is { } lists)
            {
                w.WriteStartObject("recommendationLists");
                w.WriteString("mostCommonFirst", lists.MostCommonFirst);
                w.WriteNumber("mostCommonFirstShare", Math.Round(lists.MostCommonFirstShare, 4));
                w.WriteNumber("distinctRecommended", lists.DistinctRecommended);
                w.WriteNumber("coverage", Math.Round(lists.Coverage, 4));
                w.WriteEndObject();
            }
            WriteCounts(w, "priceGuardrails", r.Guardrails);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, int> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, count);
        }
        w.WriteEndObject();
    }
}
