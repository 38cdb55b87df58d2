using System.CommandLine;
using System.Text.Json;
using Journeys.Lab.Datasets;
using Journeys.LoadTest;

namespace Journeys.CommandLine;

/// <summary><c>journeys loadtest</c>: open-loop load against the engine, measured end to end.</summary>
internal static class LoadTestCommand
{
    private const int DefaultDuration = 30;
    private const int DefaultWarmup = 5;

    public static Command Create()
    {
        var bootstrap = Flags.Bootstrap(required: false);
        bootstrap.Description = "Drive a running engine through this Kafka (default: broker and engine in this process)";
        var rate = Flags.PositiveDouble("--rate", "Offered load in events/s (default 1000; with --ramp the first step)");
        var duration = Flags.Positive("--duration", "Seconds of load (per step with --ramp)", DefaultDuration, 86_400);
        var warmup = new Option<int>("--warmup") { Description = "Seconds at the start excluded from latency figures", DefaultValueFactory = _ => DefaultWarmup };
        var sessions = Flags.Positive("--sessions", "Concurrent synthetic shoppers", 10_000, 50_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the shopper population", DefaultValueFactory = _ => 42 };
        var file = new Option<FileInfo?>("--file") { Description = "Dataset to fit the shoppers from (default: the bundled REES46 sample)" };
        var format = new Option<string>("--format") { Description = "Format of --file", DefaultValueFactory = _ => "rees46" };
        var batchMax = Flags.PositiveDouble("--batch-max", "Scoring:MaxBatch of the in-process engine (1 = one forward per event)");
        var compare = new Option<bool>("--compare-batch-max-1") { Description = "Run --batch-max 1 and the batcher back to back at the same rate; report the ratio" };
        var ramp = new Option<bool>("--ramp") { Description = "Raise the rate step by step until p99 exceeds --p99-bound or the engine falls behind" };
        var factor = Flags.PositiveDouble("--ramp-factor", "Rate multiplier per ramp step (default 1.5)");
        var bound = Flags.PositiveDouble("--p99-bound", "Ramp stops when p99 exceeds this many ms (default 50)");
        var maxRate = Flags.PositiveDouble("--max-rate", "Ramp never offers more than this (default 100000)");
        var memory = new Option<bool>("--memory") { Description = "Measure engine memory by live sessions instead: one event for each of --sessions new sessions, heap and RSS at checkpoints" };
        var noBroker = new Option<bool>("--no-broker") { Description = "Run the engine alone: clicks from an in-process source, decisions to an in-process sink (the engine's own cost, without the broker's)" };
        var partitions = Flags.Positive("--partitions", "Partitions of the clicks topic (in-process broker or source)", LoadTestSettings.DefaultPartitions, 1024);
        var set = new Option<string[]>("--set") { Description = "A configuration value for the in-process engine, KEY=VALUE (same keys as appsettings.json, e.g. Kafka:LingerMs=5); repeatable", AllowMultipleArgumentsPerToken = false };
        var clickLinger = Flags.PositiveDouble("--click-linger-ms", $"Linger of the load generator's Kafka producer (default {LoadTestSettings.DefaultClickLingerMs})");
        var backend = Flags.Backend();
        var compareBackends = new Option<bool>("--compare-backends") { Description = "Run the in-process engine with --backend torch and onnx back to back at the same rate; report the ratio" };
        var json = new Option<bool>("--json") { Description = "Last stdout line: the JSON result" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for charts (PNG)", DefaultValueFactory = _ => new DirectoryInfo("loadtest-out") };
        var command = new Command("loadtest", "Replay synthetic shoppers fitted from a real dataset into the engine at a fixed rate and measure end-to-end latency.")
        {
            bootstrap, rate, duration, warmup, sessions, seed, file, format, batchMax, compare, ramp, factor, bound, maxRate, memory, noBroker, partitions, set, backend, compareBackends, clickLinger, json, output,
        };
        format.Validators.Add(r => { if (!DatasetFormats.TryParse(r.GetValueOrDefault<string>(), out _)) r.AddError($"--format must be one of {string.Join(", ", DatasetFormats.Names)}"); });
        warmup.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--warmup must be 0 or more seconds"); });
        command.Validators.Add(r =>
        {
            if (r.GetValue(ramp) && r.GetValue(compare))
            {
                r.AddError("--ramp and --compare-batch-max-1 exclude each other: run them separately");
            }
            if (r.GetValue(bootstrap) is not null && (r.GetValue(compare) || r.GetValue(batchMax) is not null))
            {
                r.AddError("--batch-max and --compare-batch-max-1 configure the in-process engine; they cannot change an engine at --bootstrap");
            }
            foreach (var pair in r.GetValue(set) ?? [])
            {
                if (pair.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    r.AddError($"--set {pair}: write KEY=VALUE, e.g. --set Kafka:LingerMs=5");
                }
            }
            if (r.GetValue(bootstrap) is not null && (r.GetValue(backend) is not null || r.GetValue(compareBackends)))
            {
                r.AddError("--backend and --compare-backends configure the in-process engine; set Scoring:Backend (or serve --backend) on the engine at --bootstrap");
            }
            if (r.GetValue(backend) is not null && r.GetValue(compareBackends))
            {
                r.AddError("--compare-backends runs both backends; drop --backend");
            }
            if (r.GetValue(compareBackends) && (r.GetValue(ramp) || r.GetValue(compare) || r.GetValue(memory)))
            {
                r.AddError("--compare-backends excludes --ramp, --compare-batch-max-1 and --memory: run them separately");
            }
            if (r.GetValue(bootstrap) is not null && (r.GetValue(set) ?? []).Length > 0)
            {
                r.AddError("--set configures the in-process engine; it cannot change an engine at --bootstrap");
            }
            if (r.GetValue(noBroker) && r.GetValue(bootstrap) is not null)
            {
                r.AddError("--no-broker runs the engine in this process without Kafka; --bootstrap drives an engine through Kafka: choose one");
            }
            if (r.GetValue(memory) && (r.GetValue(ramp) || r.GetValue(compare) || r.GetValue(bootstrap) is not null))
            {
                r.AddError("--memory measures an in-process engine on its own: drop --ramp, --compare-batch-max-1 and --bootstrap");
            }
            // A command validator sees no default for an option left off the command line; read them through
            // the results so the defaults count.
            if ((r.GetResult(warmup)?.GetValueOrDefault<int>() ?? DefaultWarmup) >= (r.GetResult(duration)?.GetValueOrDefault<int>() ?? DefaultDuration))
            {
                r.AddError("--warmup must be shorter than --duration");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var human = asJson ? Console.Error : Console.Out;
            var settings = new LoadTestSettings(parse.GetValue(rate) ?? 1000, TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(sessions), parse.GetValue(seed), parse.GetValue(bootstrap),
                parse.GetValue(file)?.FullName, parse.GetValue(format)!, parse.GetValue(batchMax) is { } b ? (int)b : null,
                parse.GetValue(noBroker), parse.GetValue(partitions),
                WithBackend((parse.GetValue(set) ?? []).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]), parse.GetValue(backend)),
                parse.GetValue(clickLinger) ?? LoadTestSettings.DefaultClickLingerMs);
            var outDir = parse.GetValue(output)!.FullName;
            async Task<LoadTestResult> RunAsync(LoadTestSettings s, string label)
            {
                await human.WriteLineAsync($"== {label} ({s.Mode}): {s.Rate:0} events/s for {s.Duration.TotalSeconds:0} s, {s.Sessions} concurrent shoppers" +
                                (s.BatchMax is { } m ? $", batch-max {m}" : ""));
                var result = await new LoadTestRunner(s, line => human.WriteLine(line)).RunAsync(cancellationToken);
                await human.WriteLineAsync($"   {label}: {result.Decisions}/{result.Events} decided, {result.AchievedDecisionsPerSecond:0}/s; latency p50 {result.P50Ms:0.00} p90 {result.P90Ms:0.00} p99 {result.P99Ms:0.00} p99.9 {result.P999Ms:0.00} max {result.MaxMs:0.00} ms; " +
                                (result.Backend is { } ran ? $"model step on {ran}; " : "") +
                                $"batch mean {result.BatchMean:0.0} p99 {result.BatchP99}; rss {result.RssMb:0} MB, {result.LiveSessions} live sessions; " +
                                (result.SnapshotsWritten is { } written ? $"{written} snapshots in {result.SnapshotBatches} writes; " : "") +
                                $"{(result.KeptUp ? "kept up" : "FELL BEHIND")}");
                if (result.EngineLatency is { } engineLatency)
                {
                    await human.WriteLineAsync($"   engine latency (received → handed to the {(s.NoBroker ? "sink" : "producer")}): p50 {engineLatency.P50:0.00} p99 {engineLatency.P99:0.00} p99.9 {engineLatency.P999:0.00} max {engineLatency.Max:0.00} ms" +
                                    (result.EndToEndLatency is { } e2e ? $"; end to end: p50 {e2e.P50:0.00} p99 {e2e.P99:0.00} p99.9 {e2e.P999:0.00} ms" : ""));
                }
                if (result.Cost is { } cost)
                {
                    await human.WriteLineAsync($"   cost over {cost.Seconds:0} s, {cost.Events} events: engine {cost.CpuMicrosPerEvent:0.0} µs CPU and {cost.AllocatedBytesPerEvent:0} B allocated per event; GC pauses {cost.GcPauseMs:0} ms ({cost.GcPausePercent:0.00} %); harness {cost.HarnessCpuMicrosPerEvent:0.0} µs/event; process CPU {cost.ProcessCpuPercent:0} %");
                    if (result.GcPauses is { Count: > 0 } pauses)
                    {
                        await human.WriteLineAsync($"   GC pauses: {pauses.Count}, p50 {pauses.P50:0.0} p99 {pauses.P99:0.0} max {pauses.Max:0.0} ms");
                    }
                    await human.WriteLineAsync($"   CPU µs/event by stage: {string.Join(", ", cost.Stages.Select(x => $"{x.Stage} {x.MicrosPerEvent:0.0}"))}");
                    await human.WriteLineAsync($"   bytes allocated/event by stage: {string.Join(", ", cost.AllocatedByStage.Select(x => $"{x.Stage} {x.BytesPerEvent:0}"))}");
                }
                foreach (var chart in LoadTestCharts.Write(result, outDir, label))
                {
                    await human.WriteLineAsync($"   chart: {chart}");
                }
                return result;
            }

            string line;
            if (parse.GetValue(memory))
            {
                line = await MeasureMemoryAsync(settings, outDir, human, cancellationToken);
            }
            else if (parse.GetValue(compare))
            {
                var naive = await RunAsync(settings with { BatchMax = 1 }, "batch-max-1");
                var batched = await RunAsync(settings with { BatchMax = null }, "batched");
                await human.WriteLineAsync($"batched vs batch-max 1 at {settings.Rate:0}/s: p99 {naive.P99Ms:0.00} → {batched.P99Ms:0.00} ms ({Ratio(naive.P99Ms, batched.P99Ms):0.0}×), decisions/s {naive.AchievedDecisionsPerSecond:0} → {batched.AchievedDecisionsPerSecond:0}");
                line = LoadTestJson.Line(batched, w =>
                {
                    w.WritePropertyName("batchMax1");
                    LoadTestJson.Write(w, naive);
                    w.WriteStartObject("ratio");
                    w.WriteNumber("p99", Math.Round(Ratio(naive.P99Ms, batched.P99Ms), 3));
                    w.WriteNumber("p50", Math.Round(Ratio(naive.P50Ms, batched.P50Ms), 3));
                    w.WriteNumber("decisionsPerSecond", Math.Round(Ratio(batched.AchievedDecisionsPerSecond, naive.AchievedDecisionsPerSecond), 3));
                    w.WriteEndObject();
                });
            }
            else if (parse.GetValue(compareBackends))
            {
                var engine = settings.EngineSettings ?? new Dictionary<string, string?>();
                var torchRun = await RunAsync(settings with { EngineSettings = WithBackend(engine, Scoring.Model.ScoringBackends.Torch) }, "torch");
                var onnxRun = await RunAsync(settings with { EngineSettings = WithBackend(engine, Scoring.Model.ScoringBackends.Onnx) }, "onnx");
                var torchCpu = torchRun.Cost?.CpuMicrosPerEvent;
                var onnxCpu = onnxRun.Cost?.CpuMicrosPerEvent;
                await human.WriteLineAsync($"onnx vs torch at {settings.Rate:0}/s: p99 {torchRun.P99Ms:0.00} → {onnxRun.P99Ms:0.00} ms, p50 {torchRun.P50Ms:0.00} → {onnxRun.P50Ms:0.00} ms" +
                                (torchCpu is { } tc && onnxCpu is { } oc ? $", engine CPU {tc:0.0} → {oc:0.0} µs/event ({Ratio(oc, tc):0.00}×)" : "") +
                                $", model step {Stage(torchRun, "batcherModel"):0.0} → {Stage(onnxRun, "batcherModel"):0.0} µs/event");
                line = LoadTestJson.Line(onnxRun, w =>
                {
                    w.WritePropertyName("torch");
                    LoadTestJson.Write(w, torchRun);
                    w.WriteStartObject("ratio");
                    w.WriteNumber("p99", Math.Round(Ratio(onnxRun.P99Ms, torchRun.P99Ms), 3));
                    w.WriteNumber("p50", Math.Round(Ratio(onnxRun.P50Ms, torchRun.P50Ms), 3));
                    if (torchCpu is { } t && onnxCpu is { } o) w.WriteNumber("cpuMicrosPerEvent", Math.Round(Ratio(o, t), 3));
                    w.WriteEndObject();
                });
            }
            else if (parse.GetValue(ramp))
            {
                var steps = new List<LoadTestResult>();
                var limit = parse.GetValue(bound) ?? 50;
                for (var r = settings.Rate; r <= (parse.GetValue(maxRate) ?? 100_000); r *= parse.GetValue(factor) ?? 1.5)
                {
                    var step = await RunAsync(settings with { Rate = Math.Round(r) }, $"ramp-{Math.Round(r)}");
                    steps.Add(step);
                    if (!step.KeptUp || step.P99Ms > limit)
                    {
                        break;
                    }
                }
                double? MaxUnder(double ms) => steps.Where(x => x.KeptUp && x.P99Ms < ms).Select(x => (double?)x.Rate).Max();
                await human.WriteLineAsync($"max sustainable rate: p99 < 10 ms: {MaxUnder(10)?.ToString("0") ?? "none"} events/s; p99 < {limit:0} ms: {MaxUnder(limit)?.ToString("0") ?? "none"} events/s");
                var best = steps.LastOrDefault(x => x.KeptUp && x.P99Ms < limit) ?? steps[^1];
                line = LoadTestJson.Line(best, w =>
                {
                    w.WriteStartArray("steps");
                    foreach (var x in steps)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("rate", x.Rate);
                        w.WriteNumber("p99", Math.Round(x.P99Ms, 3));
                        w.WriteNumber("decisionsPerSecond", Math.Round(x.AchievedDecisionsPerSecond, 1));
                        w.WriteBoolean("keptUp", x.KeptUp);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    Nullable(w, "maxRateP99Under10ms", MaxUnder(10));
                    Nullable(w, $"maxRateP99Under{limit:0}ms", MaxUnder(limit));
                });
            }
            else
            {
                line = LoadTestJson.Line(await RunAsync(settings, "loadtest"));
            }
            if (asJson)
            {
                await Console.Out.WriteLineAsync(line);
            }
            return 0;
        });
        return command;
    }

    private static async Task<string> MeasureMemoryAsync(LoadTestSettings settings, string outDir, TextWriter human,
        CancellationToken cancellationToken)
    {
        await human.WriteLineAsync($"== memory: one event for each of {settings.Sessions} new sessions, in-process engine");
        // No broker: sessions are told their events directly, and Kafka's buffers would only blur the figure.
        using var sink = new LoadTest.InProcess.InProcessPublisher(settings.DecisionsTopic);
        var transport = new LoadTest.InProcess.InProcessTransport(new LoadTest.InProcess.InProcessClickLog(settings.ClicksTopic, 1), sink,
            Ingest.ProductFeed.ProductFeedFile.Read(Demo.BundledData.ProductFeedPath));
        using var engine = await LoadTestRunner.StartEngineAsync(settings, "in-process", transport, cancellationToken);
        var points = await new SessionMemoryProbe(settings.Sessions, settings.Seed, l => human.WriteLine(l)).RunAsync(engine, cancellationToken);
        await human.WriteLineAsync($"   chart: {SessionMemoryProbe.Chart(points, outDir)}");
        await engine.StopAsync(CancellationToken.None);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var last = points[^1];
            w.WriteNumber("sessions", last.Sessions);
            w.WriteNumber("liveSessions", last.LiveSessions);
            // Managed heap after a full GC per live session: the session actors and their state, and the embedded
            // Garnet's copy of each snapshot (its log pages are managed arrays).
            w.WriteNumber("bytesPerSession", Math.Round(last.HeapBytesPerSession));
            w.WriteNumber("rssBytesPerSession", Math.Round(last.RssBytesPerSession));
            w.WriteNumber("startSeconds", Math.Round(last.StartSeconds, 1));
            w.WriteStartArray("memory");
            foreach (var p in points)
            {
                w.WriteStartObject();
                w.WriteNumber("sessions", p.Sessions);
                w.WriteNumber("liveSessions", p.LiveSessions);
                w.WriteNumber("heapMb", Math.Round(p.HeapMb, 1));
                w.WriteNumber("rssMb", Math.Round(p.RssMb, 1));
                w.WriteNumber("heapBytesPerSession", Math.Round(p.HeapBytesPerSession));
                w.WriteNumber("rssBytesPerSession", Math.Round(p.RssBytesPerSession));
                w.WriteNumber("startSeconds", Math.Round(p.StartSeconds, 1));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : a / b;

    /// <summary>The engine settings with Scoring:Backend set (unchanged when <paramref name="backend"/> is null).</summary>
    private static Dictionary<string, string?> WithBackend(IReadOnlyDictionary<string, string?> settings, string? backend)
    {
        var copy = new Dictionary<string, string?>(settings);
        if (backend is not null) copy["Scoring:Backend"] = backend;
        return copy;
    }

    /// <summary>A stage's CPU µs per event in a run's cost breakdown (0 when the run measured none).</summary>
    private static double Stage(LoadTestResult result, string stage) =>
        result.Cost?.Stages.FirstOrDefault(x => string.Equals(x.Stage, stage, StringComparison.OrdinalIgnoreCase)).MicrosPerEvent ?? 0;

    private static void Nullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
