using System.Text.Json;

namespace Journeys.LoadTest;

/// <summary>The one-line JSON summary: the documented keys first, then what else the run measured.</summary>
public static class LoadTestJson
{
    public static void Write(Utf8JsonWriter w, LoadTestResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteNumber("rate", r.Rate);
        w.WriteNumber("events", r.Events);
        w.WriteNumber("decisions", r.Decisions);
        w.WriteStartObject("latencyMs");
        w.WriteNumber("p50", Math.Round(r.P50Ms, 3));
        w.WriteNumber("p90", Math.Round(r.P90Ms, 3));
        w.WriteNumber("p99", Math.Round(r.P99Ms, 3));
        w.WriteNumber("p999", Math.Round(r.P999Ms, 3));
        w.WriteNumber("max", Math.Round(r.MaxMs, 3));
        w.WriteEndObject();
        w.WriteNumber("sessions", r.Sessions);
        if (r.RssMb is { } rss) w.WriteNumber("rssMb", Math.Round(rss, 1)); else w.WriteNull("rssMb");
        w.WriteStartObject("batch");
        if (r.BatchMean is { } mean) w.WriteNumber("mean", Math.Round(mean, 2)); else w.WriteNull("mean");
        if (r.BatchP99 is { } p99) w.WriteNumber("p99", p99); else w.WriteNull("p99");
        w.WriteEndObject();
        w.WriteNumber("deadLetters", r.DeadLetters);
        w.WriteNumber("decisionsPerSecond", Math.Round(r.AchievedDecisionsPerSecond, 1));
        w.WriteNumber("sessionsStarted", r.SessionsStarted);
        if (r.LiveSessions is { } live) w.WriteNumber("liveSessions", live);
        w.WriteNumber("maxLag", r.MaxLag);
        if (r.CpuPercent is { } cpu) w.WriteNumber("cpuPercent", Math.Round(cpu, 1));
        if (r.SnapshotsWritten is { } written && r.SnapshotBatches is { } batches)
        {
            // Session snapshots the in-process engine wrote to Garnet, and in how many pipelined batches.
            w.WriteStartObject("snapshots");
            w.WriteNumber("written", written);
            w.WriteNumber("batches", batches);
            w.WriteEndObject();
        }
        w.WriteBoolean("keptUp", r.KeptUp);
        w.WriteEndObject();
    }

    public static string Line(LoadTestResult r, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            if (extra is null)
            {
                Write(w, r);
            }
            else
            {
                // Ramp and A/B runs: the headline run's object, with the comparison beside it.
                w.WriteStartObject();
                w.WritePropertyName("run");
                Write(w, r);
                extra(w);
                w.WriteEndObject();
            }
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
