using System.Diagnostics;
using HdrHistogram;
using Journeys.Demo;
using Journeys.Hosting;
using Journeys.Ingest.Broker;
using Journeys.Ingest.Datasets;
using Journeys.Ingest.Kafka;
using Journeys.Ingest.Replay;
using Journeys.Ingest.Synthetic;
using Journeys.Scoring.Batching;
using Akka.Actor;
using Akka.Hosting;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journeys.LoadTest;

/// <summary>
/// One open-loop run: synthetic shoppers (fitted from a real dataset) send clicks at a fixed rate regardless of how
/// fast decisions come back — a slow engine shows as growing latency and lag, not as a politely lower rate. Latency is
/// measured end to end by the <see cref="LatencyProbe"/>; the first <see cref="LoadTestSettings.Warmup"/> is excluded.
/// </summary>
public sealed class LoadTestRunner
{
    private readonly LoadTestSettings _settings;
    private readonly Action<string> _status;

    public LoadTestRunner(LoadTestSettings settings, Action<string> status)
    {
        _settings = settings;
        _status = status;
    }

    public async Task<LoadTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var s = _settings;
        var source = s.SourceFile ?? BundledData.SamplePath;
        var profile = ShopperProfile.Fit(DatasetReader.Read(source, DatasetFormats.Parse(s.SourceFormat)));
        _status($"shoppers fitted from {Path.GetFileName(source)}: {profile.SourceSessions} sessions, {profile.SourceEvents} events, {profile.Products.Count} products, mean session length {profile.MeanSessionLength:0.0}");

        using var broker = s.Bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        var bootstrap = s.Bootstrap ?? broker!.BootstrapServers;
        if (broker is not null)
        {
            broker.CreateTopic(s.ClicksTopic, 4);
            broker.CreateTopic(s.DecisionsTopic, 4);
            broker.CreateTopic(s.DeadLetterTopic, 1);
        }
        using var engine = broker is null ? null : await StartEngineAsync(s, bootstrap, cancellationToken);
        using var probe = new LatencyProbe(bootstrap, s.DecisionsTopic, s.DeadLetterTopic);
        await WaitAsync(() => probe.Assigned, TimeSpan.FromSeconds(30), "the latency probe's partition assignment", cancellationToken);
        using var lag = new EngineLag(bootstrap, s.ClicksTopic, s.EngineGroup);

        var population = new ShopperPopulation(profile, s.Sessions, s.Seed);
        var total = (long)Math.Round(s.Rate * s.Duration.TotalSeconds);
        var events = population.Events(TimeProvider.System).Take((int)Math.Min(total, int.MaxValue));
        using var publisher = new KafkaPublisher(new KafkaOptions { BootstrapServers = bootstrap });
        var replayer = new KafkaReplayer(publisher, s.ClicksTopic, TimeProvider.System);
        var tracker = new ReplayProgressTracker(TimeProvider.System, total);
        probe.RecordFrom(LatencyProbe.NowMicros() + (long)(s.Warmup.TotalMilliseconds * 1000));

        var clock = Stopwatch.StartNew();
        var samples = new List<LoadTestSample>();
        var cpu = new CpuMeter(engine is not null);
        var send = replayer.RunAsync(events, ReplayPacing.FixedRate(s.Rate), tracker, TimeSpan.FromSeconds(60), cancellationToken);
        var lastDecided = 0L;
        var drainDeadline = TimeSpan.MaxValue;
        while (probe.Decisions + probe.DeadLetters < total && clock.Elapsed < drainDeadline)
        {
            // One sample per second; while sending, wake early only if the send fails.
            var tick = Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await (send.IsCompleted ? tick : Task.WhenAny(send, tick));
            if (send.IsFaulted)
            {
                await send;
            }
            if (send.IsCompleted && drainDeadline == TimeSpan.MaxValue)
            {
                // After the last send, the engine gets a bounded time to catch up; what it has not decided by then
                // counts against it.
                drainDeadline = clock.Elapsed + TimeSpan.FromSeconds(Math.Max(10, s.Duration.TotalSeconds / 2));
            }
            var interval = probe.TakeInterval();
            var decided = probe.Decisions;
            var sample = new LoadTestSample(Math.Round(clock.Elapsed.TotalSeconds, 1), tracker.Snapshot().Sent, decided,
                decided - lastDecided, Ms(interval, 50), Ms(interval, 99), lag.Current(), cpu.Sample(),
                engine is null ? null : Environment.WorkingSet / 1048576.0);
            lastDecided = decided;
            samples.Add(sample);
            _status($"t={sample.Second,5:0}s sent {sample.Sent,8} decided {decided,8} ({sample.DecisionsPerSecond,6:0}/s) p50 {sample.P50Ms,7:0.00} ms p99 {sample.P99Ms,8:0.00} ms lag {sample.Lag,7}" +
                    (sample.CpuPercent is { } c ? $" cpu {c,4:0}%" : "") + (sample.RssMb is { } m ? $" rss {m,6:0} MB" : ""));
        }
        await send;
        var elapsed = clock.Elapsed;

        var histogram = probe.Total;
        var batches = engine?.Services.GetRequiredService<StepBatcher>().Statistics;
        var snapshots = engine?.Services.GetRequiredService<SnapshotWriter>().Written;
        int? live = null;
        if (engine is not null)
        {
            var region = await engine.Services.GetRequiredService<ActorRegistry>().GetAsync<SessionRegion>(cancellationToken);
            live = (await region.Ask<RegionStats>(GetRegionStats.Instance, TimeSpan.FromSeconds(30))).LiveSessions;
        }
        if (engine is not null)
        {
            await engine.StopAsync(CancellationToken.None);
        }
        var steady = samples.Where(x => x.Second > s.Warmup.TotalSeconds && x.Second <= s.Duration.TotalSeconds).ToList();
        return new LoadTestResult(
            s.Rate, replayer.Delivered, probe.Decisions, probe.DeadLetters,
            Ms(histogram, 50), Ms(histogram, 90), Ms(histogram, 99), Ms(histogram, 99.9),
            histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0, histogram.TotalCount,
            s.Sessions, population.SessionsStarted, live,
            Throughput(steady, probe.Decisions, elapsed),
            samples.Select(x => x.RssMb).Max(), samples.Where(x => x.CpuPercent is not null).Select(x => x.CpuPercent).DefaultIfEmpty().Average(),
            batches?.MeanBatchSize, batches?.P99BatchSize, batches?.MaxBatchSize,
            samples.Count == 0 ? 0 : samples.Max(x => x.Lag),
            snapshots?.Snapshots, snapshots?.Batches,
            samples, Distribution(histogram));
    }

    /// <summary>The engine as <c>journeys serve</c> runs it, in this process, with warnings-only logging.</summary>
    internal static async Task<IHost> StartEngineAsync(LoadTestSettings loadTest, string bootstrap, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Kafka:GroupId"] = loadTest.EngineGroup,
            ["Kafka:ClicksTopic"] = loadTest.ClicksTopic,
            ["Kafka:DecisionsTopic"] = loadTest.DecisionsTopic,
            ["Kafka:DeadLetterTopic"] = loadTest.DeadLetterTopic,
        };
        if (loadTest.BatchMax is { } max)
        {
            settings["Scoring:MaxBatch"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var host = JourneysHost.CreateBuilder(settings, logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true)).Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>
    /// Decisions per second over the steady window, from the decided counts and the samples' real times (samples are
    /// about, not exactly, a second apart).
    /// </summary>
    private static double Throughput(List<LoadTestSample> steady, long decided, TimeSpan elapsed) =>
        steady.Count >= 2 && steady[^1].Second > steady[0].Second
            ? (steady[^1].Decided - steady[0].Decided) / (steady[^1].Second - steady[0].Second)
            : decided / elapsed.TotalSeconds;

    private static double Ms(HistogramBase h, double percentile) =>
        h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(percentile) / 1000.0;

    private static List<(double, double)> Distribution(HistogramBase h)
    {
        var points = new List<(double, double)>();
        if (h.TotalCount == 0)
        {
            return points;
        }
        foreach (var p in new[] { 0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100 })
        {
            points.Add((p, h.GetValueAtPercentile(p) / 1000.0));
        }
        return points;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }
}
