using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using HdrHistogram;
using Journeys.Contracts.ProductFeed;
using Journeys.Demo;
using Journeys.Engine;
using Journeys.Engine.Hosting;
using Journeys.Engine.Http;
using Journeys.Ingest.Broker;
using Journeys.Ingest.ProductFeed;
using Journeys.Ingest.Kafka;
using Journeys.Lab.Datasets;
using Journeys.Lab.Synthetic;
using Journeys.LoadTest.InProcess;
using Journeys.Scoring.Batching;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journeys.LoadTest;

/// <summary>
/// One open-loop run: synthetic shoppers (fitted from a real dataset) send clicks at a fixed rate regardless of how
/// fast decisions come back — a slow engine shows as growing latency and lag, not as a politely lower rate. Three
/// modes: the engine alone with an in-process source and sink (<c>--no-broker</c>), the engine behind the in-process
/// Kafka broker, or an engine running elsewhere (<c>--bootstrap</c>). The first <see cref="LoadTestSettings.Warmup"/>
/// is excluded from latencies and costs.
/// </summary>
public sealed class LoadTestRunner
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
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
        var feed = ProductFeedFile.Read(BundledData.ProductFeedPath);
        var population = new ShopperPopulation(profile, s.Sessions, s.Seed);
        var total = (long)Math.Round(s.Rate * s.Duration.TotalSeconds);
        var events = population.Events(TimeProvider.System).Take((int)Math.Min(total, int.MaxValue));
        return s.NoBroker
            ? await RunEngineOnlyAsync(feed, population, events, total, cancellationToken)
            : await RunThroughKafkaAsync(feed, population, events, total, cancellationToken);
    }

    private async Task<LoadTestResult> RunEngineOnlyAsync(IReadOnlyList<ProductFeedItem> feed, ShopperPopulation population,
        IEnumerable<Contracts.Events.ClickEvent> events, long total, CancellationToken cancellationToken)
    {
        var s = _settings;
        var log = new InProcessClickLog(s.ClicksTopic, s.Partitions);
        using var sink = new InProcessPublisher(s.DecisionsTopic);
        var transport = new InProcessTransport(log, sink, feed);
        using var engine = await StartEngineAsync(s, "in-process", transport, cancellationToken);
        var generator = new ClickGenerator(log, events, s.Rate, total);
        sink.RecordFrom(Stopwatch.GetTimestamp() + (long)(s.Warmup.TotalSeconds * Stopwatch.Frequency));
        var probe = new RunProbe(
            Sent: () => generator.Sent,
            Decided: () => sink.Decisions,
            DeadLetters: () => sink.DeadLetters,
            Lag: () => log.Backlog,
            EndToEnd: sink.TakeInterval,
            HarnessAllocated: () => generator.Allocated + sink.Allocated,
            EngineWorkOnHarness: () => sink.CallbackTime);
        return await MeasureAsync(engine, generator, probe, population, total, cancellationToken);
    }

    private async Task<LoadTestResult> RunThroughKafkaAsync(IReadOnlyList<ProductFeedItem> feed, ShopperPopulation population,
        IEnumerable<Contracts.Events.ClickEvent> events, long total, CancellationToken cancellationToken)
    {
        var s = _settings;
        using var broker = s.Bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        var bootstrap = s.Bootstrap ?? broker!.BootstrapServers;
        if (broker is not null)
        {
            broker.CreateTopic(s.ClicksTopic, s.Partitions);
            broker.CreateTopic(s.DecisionsTopic, s.Partitions);
            broker.CreateTopic(s.DeadLetterTopic, 1);
            broker.CreateTopic(s.CatalogTopic, 1);
            // The product feed the engine prices with, as in the engine-only mode (read before its first decision).
            using var feedPublisher = new KafkaPublisher(new KafkaOptions { BootstrapServers = bootstrap });
            await ProductFeedPublisher.PublishAsync(feedPublisher, s.CatalogTopic, feed, cancellationToken);
        }
        using var engine = broker is null ? null : await StartEngineAsync(s, bootstrap, null, cancellationToken);
        using var latency = new LatencyProbe(bootstrap, s.DecisionsTopic, s.DeadLetterTopic);
        await WaitAsync(() => latency.Assigned, TimeSpan.FromSeconds(30), "the latency probe's partition assignment", cancellationToken);
        using var lag = new EngineLag(bootstrap, s.ClicksTopic, s.EngineGroup);
        // As collectors would send: batched, so a partition's message set holds many clicks (each message set is an
        // entry the in-process broker scans on every fetch).
        var collector = new KafkaOptions { BootstrapServers = bootstrap, LingerMs = s.ClickLingerMs };
        using var target = new KafkaClickTarget(collector, s.ClicksTopic);
        var generator = new ClickGenerator(target, events, s.Rate, total);
        latency.RecordFrom(LatencyProbe.NowMicros() + (long)(s.Warmup.TotalMilliseconds * 1000));
        var probe = new RunProbe(
            Sent: () => generator.Sent,
            Decided: () => latency.Decisions,
            DeadLetters: () => latency.DeadLetters,
            Lag: lag.Current,
            EndToEnd: latency.TakeInterval,
            HarnessAllocated: () => generator.Allocated,
            EngineWorkOnHarness: () => TimeSpan.Zero);
        var result = await MeasureAsync(engine, generator, probe, population, total, cancellationToken);
        if (target.Failed > 0)
        {
            _status($"warning: {target.Failed} clicks were not delivered to Kafka ({target.FirstError})");
        }
        return result;
    }

    /// <summary>What a run reads from its source and sink, whichever they are.</summary>
    private sealed record RunProbe(
        Func<long> Sent,
        Func<long> Decided,
        Func<long> DeadLetters,
        Func<long> Lag,
        Func<HistogramBase> EndToEnd,
        Func<long> HarnessAllocated,
        Func<TimeSpan> EngineWorkOnHarness);

    private async Task<LoadTestResult> MeasureAsync(IHost? engine, ClickGenerator generator, RunProbe probe,
        ShopperPopulation population, long total, CancellationToken cancellationToken)
    {
        var s = _settings;
        var counters = engine?.Services.GetRequiredService<EngineCounters>();
        var engineLatency = new LongHistogram(1, 600_000_000, 3);
        var endToEnd = new LongHistogram(1, 600_000_000, 3);
        CostReading? from = null, to = null;
        long decidedFrom = 0, decidedTo = 0;

        var clock = Stopwatch.StartNew();
        var samples = new List<LoadTestSample>();
        var cpu = new CpuMeter(engine is not null);
        using var gcPauses = new GcPauseMeter();
        gcPauses.RecordFrom(DateTime.UtcNow + s.Warmup);
        generator.Start();
        var drainDeadline = TimeSpan.MaxValue;
        var lastDecided = 0L;
        while (probe.Decided() + probe.DeadLetters() < total && clock.Elapsed < drainDeadline)
        {
            // One sample per second; while sending, wake early only if the generator fails.
            var tick = Task.Delay(Tick, cancellationToken);
            await (generator.Completion.IsCompleted ? tick : Task.WhenAny(generator.Completion, tick));
            if (generator.Completion.IsFaulted)
            {
                await generator.Completion;
            }
            if (generator.Completion.IsCompleted && drainDeadline == TimeSpan.MaxValue)
            {
                // After the last send, the engine gets a bounded time to catch up; what it has not decided by then
                // counts against it.
                drainDeadline = clock.Elapsed + TimeSpan.FromSeconds(Math.Max(10, s.Duration.TotalSeconds / 2));
            }
            var elapsed = clock.Elapsed;
            var decided = probe.Decided();
            var engineInterval = counters?.TakeLatencyInterval();
            var endToEndInterval = probe.EndToEnd();
            if (elapsed > s.Warmup)
            {
                if (engineInterval is not null)
                {
                    engineLatency.Add(engineInterval);
                }
                endToEnd.Add(endToEndInterval);
                if (engine is not null && from is null)
                {
                    from = CostReading.Take(probe.HarnessAllocated(), probe.EngineWorkOnHarness());
                    decidedFrom = decided;
                }
                else if (engine is not null && elapsed <= s.Duration + (Tick / 2))
                {
                    to = CostReading.Take(probe.HarnessAllocated(), probe.EngineWorkOnHarness());
                    decidedTo = decided;
                }
            }
            // The headline latency of the second: the engine's own without a broker, end to end through Kafka.
            var headline = s.NoBroker && engineInterval is not null ? engineInterval : endToEndInterval;
            var sample = new LoadTestSample(Math.Round(elapsed.TotalSeconds, 1), generator.Sent, decided, decided - lastDecided,
                Ms(headline, 50), Ms(headline, 99), probe.Lag(), cpu.Sample(), engine is null ? null : Environment.WorkingSet / 1048576.0);
            lastDecided = decided;
            samples.Add(sample);
            _status($"t={sample.Second,5:0}s sent {sample.Sent,8} decided {decided,8} ({sample.DecisionsPerSecond,6:0}/s) p50 {sample.P50Ms,7:0.00} ms p99 {sample.P99Ms,8:0.00} ms lag {sample.Lag,7}" +
                    (sample.CpuPercent is { } c ? $" cpu {c,4:0}%" : "") + (sample.RssMb is { } m ? $" rss {m,6:0} MB" : ""));
        }
        generator.Stop();
        await generator.Completion;

        var batches = engine?.Services.GetRequiredService<StepBatcher>().Statistics;
        var snapshots = engine?.Services.GetRequiredService<SnapshotWriter>().Written;
        int? live = null;
        if (engine is not null)
        {
            var region = await engine.Services.GetRequiredService<ActorRegistry>().GetAsync<SessionRegion>(cancellationToken);
            live = (await region.Ask<RegionStats>(GetRegionStats.Instance, TimeSpan.FromSeconds(30), cancellationToken)).LiveSessions;
            await engine.StopAsync(CancellationToken.None);
        }
        var cost = from is not null && to is not null ? CostBreakdown.Between(from, to, decidedTo - decidedFrom) : null;
        var engineSummary = counters is null ? null : LatencySummary.Of(engineLatency);
        var endToEndSummary = s.NoBroker && endToEnd.TotalCount == 0 ? null : LatencySummary.Of(endToEnd);
        var headlineHistogram = s.NoBroker ? engineLatency : endToEnd;
        var steady = samples.Where(x => x.Second > s.Warmup.TotalSeconds && x.Second <= s.Duration.TotalSeconds).ToList();
        return new LoadTestResult(
            s.Mode, s.Rate, generator.Sent, probe.Decided(), probe.DeadLetters(),
            LatencySummary.Of(headlineHistogram), engineSummary, endToEndSummary,
            s.Sessions, population.SessionsStarted, live,
            Throughput(steady, probe.Decided(), clock.Elapsed),
            samples.Select(x => x.RssMb).Max(), samples.Where(x => x.CpuPercent is not null).Select(x => x.CpuPercent).DefaultIfEmpty().Average(),
            batches?.MeanBatchSize, batches?.P99BatchSize, batches?.MaxBatchSize,
            samples.Count == 0 ? 0 : samples.Max(x => x.Lag),
            snapshots?.Snapshots, snapshots?.Batches, cost, engine is null ? null : gcPauses.Pauses(),
            samples, Distribution(headlineHistogram))
        {
            Backend = engine?.Services.GetRequiredService<StepBatcher>().Backend,
        };
    }

    /// <summary>
    /// The engine as <c>journeys serve</c> runs it, in this process, with warnings-only logging; with
    /// <paramref name="transport"/>, reading from and publishing to it instead of Kafka.
    /// </summary>
    internal static async Task<IHost> StartEngineAsync(LoadTestSettings loadTest, string bootstrap, IEngineTransport? transport,
        CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(loadTest.EngineSettings ?? new Dictionary<string, string?>())
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Kafka:GroupId"] = loadTest.EngineGroup,
            ["Kafka:ClicksTopic"] = loadTest.ClicksTopic,
            ["Kafka:DecisionsTopic"] = loadTest.DecisionsTopic,
            ["Kafka:DeadLetterTopic"] = loadTest.DeadLetterTopic,
            ["Kafka:CatalogTopic"] = loadTest.CatalogTopic,
        };
        if (loadTest.BatchMax is { } max)
        {
            settings["Scoring:MaxBatch"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // No HTTP surface unless --set asks for one: it would measure a scraper nobody runs, and two load tests at once
        // would compete for its port.
        settings.TryAdd("Http:Urls", HttpOptions.None);
        // The engine's durable default, on a data directory of its own (unless --set chooses the state store).
        var scratch = ScratchDataDirectory.For(settings);
        var builder = JourneysHost.CreateBuilder(settings, BundledData.SampleEvents, logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        if (transport is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(transport));
        }
        var host = new HostWithScratchState(builder.Build(), scratch);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
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
