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
        w.WriteString("mode", r.Mode);
        w.WriteNumber("rate", r.Rate);
        w.WriteNumber("events", r.Events);
        w.WriteNumber("decisions", r.Decisions);
        w.WriteNumber("decisionsPerSecond", Math.Round(r.AchievedDecisionsPerSecond, 1));
        w.WriteBoolean("keptUp", r.KeptUp);
        // The mode's headline latency: the engine's own without a broker, end to end through Kafka.
        Latency(w, "latencyMs", r.Latency);
        if (r.EngineLatency is { } engine) Latency(w, "engineLatencyMs", engine); else w.WriteNull("engineLatencyMs");
        if (r.EndToEndLatency is { } endToEnd) Latency(w, "endToEndLatencyMs", endToEnd); else w.WriteNull("endToEndLatencyMs");
        Number(w, "cpuMicrosPerEvent", r.Cost?.CpuMicrosPerEvent, 1);
        Number(w, "allocatedBytesPerEvent", r.Cost?.AllocatedBytesPerEvent, 0);
        Number(w, "gcPauseMs", r.Cost?.GcPauseMs, 1);
        if (r.GcPauses is { Count: > 0 } pauses) Latency(w, "gcPauses", pauses);
        if (r.LiveSessions is { } live) w.WriteNumber("liveSessions", live); else w.WriteNull("liveSessions");
        w.WriteNumber("sessions", r.Sessions);
        w.WriteNumber("sessionsStarted", r.SessionsStarted);
        w.WriteNumber("deadLetters", r.DeadLetters);
        w.WriteNumber("maxLag", r.MaxLag);
        Number(w, "rssMb", r.RssMb, 1);
        Number(w, "cpuPercent", r.CpuPercent, 1);
        if (r.Backend is { } backend) w.WriteString("backend", backend); else w.WriteNull("backend");
        w.WriteStartObject("batch");
        Number(w, "mean", r.BatchMean, 2);
        if (r.BatchP99 is { } p99) w.WriteNumber("p99", p99); else w.WriteNull("p99");
        w.WriteEndObject();
        if (r.Cost is { } cost)
        {
            // Over the steady window (after the warm-up, while sending): CPU per decided event by stage.
            w.WriteStartObject("cost");
            w.WriteNumber("seconds", Math.Round(cost.Seconds, 1));
            w.WriteNumber("events", cost.Events);
            w.WriteNumber("processCpuPercent", Math.Round(cost.ProcessCpuPercent, 1));
            w.WriteNumber("harnessCpuMicrosPerEvent", Math.Round(cost.HarnessCpuMicrosPerEvent, 1));
            w.WriteNumber("gcPausePercent", Math.Round(cost.GcPausePercent, 2));
            w.WriteStartObject("gcCollections");
            w.WriteNumber("gen0", cost.Gen0);
            w.WriteNumber("gen1", cost.Gen1);
            w.WriteNumber("gen2", cost.Gen2);
            w.WriteEndObject();
            w.WriteStartObject("cpuMicrosPerEventByStage");
            foreach (var (stage, micros) in cost.Stages)
            {
                w.WriteNumber(stage, Math.Round(micros, 2));
            }
            w.WriteEndObject();
            w.WriteStartObject("allocatedBytesPerEventByStage");
            foreach (var (stage, bytes) in cost.AllocatedByStage)
            {
                w.WriteNumber(stage, Math.Round(bytes));
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        if (r.SnapshotsWritten is { } written && r.SnapshotBatches is { } batches)
        {
            // Session snapshots the in-process engine wrote to Garnet, and in how many pipelined batches.
            w.WriteStartObject("snapshots");
            w.WriteNumber("written", written);
            w.WriteNumber("batches", batches);
            w.WriteEndObject();
        }
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

    private static void Latency(Utf8JsonWriter w, string name, LatencySummary l)
    {
        w.WriteStartObject(name);
        w.WriteNumber("p50", Math.Round(l.P50, 3));
        w.WriteNumber("p90", Math.Round(l.P90, 3));
        w.WriteNumber("p99", Math.Round(l.P99, 3));
        w.WriteNumber("p999", Math.Round(l.P999, 3));
        w.WriteNumber("max", Math.Round(l.Max, 3));
        w.WriteNumber("count", l.Count);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value, int digits)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, digits));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
