using System.Diagnostics;
using Journeys.Contracts.Diagnostics;

namespace Journeys.LoadTest;

/// <summary>
/// What each decided event cost over a measured window: engine CPU and allocations per event, GC pauses, and CPU per
/// event by stage. Stages are the engine's own clocks (<see cref="EngineStage"/>) plus threads whose work is one thing:
/// the batcher thread is the model (less the retrieval timed on it), the Kafka consumer thread is consume; the load
/// generator, the probe and the in-process broker are the harness, reported apart and left out of the engine's cost.
/// "other" is what no clock or thread name tells apart: the thread-pool dispatch of actors and streams, the Garnet server
/// (it runs on pool threads), GC, JIT and the kernel's scheduling.
/// </summary>
public sealed record CostBreakdown(
    long Events,
    double Seconds,
    double ProcessCpuPercent,
    double CpuMicrosPerEvent,
    double HarnessCpuMicrosPerEvent,
    double AllocatedBytesPerEvent,
    double GcPauseMs,
    double GcPausePercent,
    int Gen0,
    int Gen1,
    int Gen2,
    IReadOnlyList<(string Stage, double MicrosPerEvent)> Stages,
    IReadOnlyList<(string Stage, double BytesPerEvent)> AllocatedByStage)
{
    /// <summary>Thread names (as Linux cuts them, 15 characters) whose CPU is the harness's.</summary>
    private static readonly string[] HarnessThreads = ["loadtest-gen", "loadtest-sink", "loadtest-latenc", "loadtest-engine"];

    internal static CostBreakdown Between(CostReading from, CostReading to, long events)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var n = Math.Max(1, events);
        var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        var threads = ThreadCpu.Between(from.Threads, to.Threads);
        double Micros(TimeSpan t) => t.TotalMicroseconds / n;
        TimeSpan Threads(Func<string, bool> match) =>
            threads.Where(t => match(t.Key)).Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value);

        var stage = new TimeSpan[to.Stages.Length];
        for (var i = 0; i < stage.Length; i++)
        {
            stage[i] = to.Stages[i] - from.Stages[i];
        }
        // The in-process sink runs the engine's delivery callbacks (timed as produce) on its own thread.
        var harness = Threads(name => HarnessThreads.Contains(name)) - (to.EngineWorkOnHarnessThreads - from.EngineWorkOnHarnessThreads);
        var broker = Threads(name => name.StartsWith("rdk:mock", StringComparison.Ordinal));
        var kafkaClients = Threads(name => name.StartsWith("rdk:", StringComparison.Ordinal)) - broker;
        var batcher = Threads(name => name.StartsWith("Journeys.StepBa", StringComparison.Ordinal));
        stage[(int)EngineStage.Consume] += Threads(name => name.StartsWith("kafka-consumer", StringComparison.Ordinal));
        if (batcher > TimeSpan.Zero)
        {
            // Everything on the batcher thread is model work; its clock only times the forward itself.
            stage[(int)EngineStage.Model] = Max(batcher - stage[(int)EngineStage.Retrieval], stage[(int)EngineStage.Model]);
        }

        var process = to.ProcessCpu - from.ProcessCpu;
        var engine = process - harness - broker;
        var rows = new List<(string, double)>();
        foreach (var s in Enum.GetValues<EngineStage>())
        {
            rows.Add((Name(s), Micros(stage[(int)s])));
        }
        if (kafkaClients > TimeSpan.Zero)
        {
            rows.Add(("kafkaClientThreads", Micros(kafkaClients)));
        }
        var attributed = stage.Aggregate(TimeSpan.Zero, (sum, t) => sum + t) + kafkaClients;
        rows.Add(("other", Micros(Max(TimeSpan.Zero, engine - attributed))));
        rows.Add(("harness", Micros(harness)));
        if (broker > TimeSpan.Zero)
        {
            rows.Add(("broker", Micros(broker)));
        }

        var pause = to.GcPause - from.GcPause;
        var allocated = (to.Allocated - from.Allocated) - (to.HarnessAllocated - from.HarnessAllocated);
        var bytes = new List<(string, double)>();
        long attributedBytes = 0;
        foreach (var s in Enum.GetValues<EngineStage>())
        {
            var b = to.StageAllocated[(int)s] - from.StageAllocated[(int)s];
            attributedBytes += b;
            bytes.Add((Name(s), (double)b / n));
        }
        // GetTotalAllocatedBytes(precise: false) lags by up to an allocation context per thread: clamp the rest at 0.
        bytes.Add(("other", Math.Max(0, (double)(allocated - attributedBytes) / n)));
        return new CostBreakdown(events, seconds, 100 * process.TotalSeconds / (seconds * Environment.ProcessorCount),
            Micros(engine), Micros(harness + broker), (double)allocated / n, pause.TotalMilliseconds,
            100 * pause.TotalSeconds / seconds, to.Gen0 - from.Gen0, to.Gen1 - from.Gen1, to.Gen2 - from.Gen2, rows, bytes);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Name(EngineStage stage) => stage switch
    {
        EngineStage.StateWrite => "stateWrites",
        EngineStage.Model => "batcherModel",
        EngineStage.Session => "sessionActor",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
