using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Journeys.Engine;
using Journeys.Engine.Hosting;
using Journeys.Engine.Http;
using Journeys.Ingest.Broker;
using Journeys.Ingest.ProductFeed;
using Journeys.Ingest.Kafka;
using Journeys.Lab.Replay;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.SessionActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journeys.Demo;

/// <summary>
/// One command, no setup: an in-process Kafka-protocol broker, the engine, the bundled real sample replayed into
/// <c>journeys.clicks</c>, and a downstream consumer of <c>journeys.decisions</c> that counts what arrives.
/// </summary>
public sealed class DemoRunner
{
    private readonly long _events;
    private readonly double? _rate;
    private readonly bool _burst;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _status;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _verbose;

    /// <param name="events">How many events to replay; the sample is cycled with fresh ids when it holds fewer.</param>
    /// <param name="rate">A fixed number of events per second (<see cref="DemoMode.Rate"/>).</param>
    /// <param name="burst">The whole replay at once (<see cref="DemoMode.Burst"/>). With neither, the sample's recorded
    /// timing compressed to a mean of <see cref="DemoPacing.PacedMeanRate"/> (<see cref="DemoMode.Paced"/>).</param>
    /// <param name="timeout">How long to wait for every decision beyond the replay's own schedule.</param>
    /// <param name="status">Receives progress lines and the latest decisions while the demo runs.</param>
    /// <param name="settings">Extra configuration (same keys as appsettings.json) for the engine.</param>
    public DemoRunner(long events, double? rate, bool burst, TimeSpan timeout, Action<string> status,
        IReadOnlyDictionary<string, string?>? settings = null, bool verbose = false)
    {
        if (rate is not null && burst)
        {
            throw new ArgumentException("a burst has no rate: pass a rate or burst, not both", nameof(burst));
        }
        _verbose = verbose;
        _events = events;
        _rate = rate;
        _burst = burst;
        _timeout = timeout;
        _status = status;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <param name="report">Hears the result while the engine still runs (the summary is printed there).</param>
    /// <param name="hold">After the report, keep the engine and its HTTP surface running until <paramref name="cancellationToken"/> (Ctrl+C).</param>
    public async Task<DemoResult> RunAsync(CancellationToken cancellationToken, Func<DemoResult, Task>? report = null, bool hold = false)
    {
        if (!File.Exists(BundledData.SamplePath))
        {
            throw new FileNotFoundException($"the bundled sample is missing from the build output: {BundledData.SamplePath}");
        }
        using var broker = EmbeddedKafkaBroker.Start();
        var topics = new KafkaOptions();
        broker.CreateTopic(topics.ClicksTopic, 4);
        broker.CreateTopic(topics.DecisionsTopic, 4);
        broker.CreateTopic(topics.DeadLetterTopic, 1);
        broker.CreateTopic(topics.CatalogTopic, 1);
        _status($"broker: {broker.BootstrapServers} (in-process, librdkafka mock cluster)");
        // The product feed first, as a shop's catalog service would have it: the engine reads it before its first decision.
        var feed = ProductFeedFile.Read(BundledData.ProductFeedPath);
        using (var feedPublisher = new KafkaPublisher(new KafkaOptions { BootstrapServers = broker.BootstrapServers }))
        {
            await ProductFeedPublisher.PublishAsync(feedPublisher, topics.CatalogTopic, feed, cancellationToken);
        }
        _status($"catalog: {feed.Count:N0} products from the bundled feed on {topics.CatalogTopic} (list prices and categories; the sample has no costs or stock)");

        var sample = BundledData.SampleEvents().ToList();
        var events = SampleCycler.Cycle(sample, _events).ToList();
        _status($"sample: {sample.Count} real REES46 events; replaying {events.Count}" +
                (events.Count > sample.Count ? " (the sample again with fresh session and event ids)" : ""));
        var timestamps = events.ConvertAll(e => e.Timestamp);
        var pacing = _burst ? DemoPacing.Burst
            : _rate is { } r ? DemoPacing.FixedRate(r, timestamps)
            : DemoPacing.Paced(timestamps);
        _status($"pacing: {pacing.Describe()}");

        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:GroupId"] = "journeys-demo",
        };
        // The engine's durable default on a fresh data directory: a demo starts with no sessions and leaves none behind.
        using var scratch = ScratchDataDirectory.For(settings);
        // The demo's own lines tell the story; engine logs (to stderr) only on request.
        using var host = JourneysHost.CreateBuilder(settings, BundledData.SampleEvents, logging =>
        {
            if (_verbose)
            {
                logging.AddSimpleConsole(o => o.SingleLine = true);
                logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
            else
            {
                // Errors are never hidden: a failing engine says why, on stderr.
                logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                logging.AddFilter((category, level) => level >= LogLevel.Error);
            }
        }).Build();
        await host.StartAsync(cancellationToken);
        if (host.Services.GetRequiredService<HttpSurface>().Addresses is { Count: > 0 } addresses)
        {
            _status($"http: {string.Join(", ", addresses)} (/health/ready, /metrics, /sessions/<sessionId>/decision; --http none turns it off)");
            _status($"dashboard: {addresses[0].TrimEnd('/')}/ (live, updates every second)");
        }
        var scorer = host.Services.GetRequiredService<ISessionScorer>();
        _status($"model: {scorer.Model.Version} ({(scorer.Model.Trained ? "trained" : "untrained seeded initialization: its figures are not predictions")}) on {scorer.Model.Device}");

        using var watcher = new DecisionWatcher(broker.BootstrapServers, topics.DecisionsTopic, topics.DeadLetterTopic);
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        using (var publisher = new KafkaPublisher(new KafkaOptions { BootstrapServers = broker.BootstrapServers },
                   host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaPublisher>()))
        {
            var replayer = new KafkaReplayer(publisher, topics.ClicksTopic, TimeProvider.System);
            var tracker = new ReplayProgressTracker(TimeProvider.System, events.Count);
            var replay = replayer.RunAsync(events, pacing.Replay, tracker, TimeSpan.FromSeconds(30), cancellationToken);
            var batcher = host.Services.GetRequiredService<StepBatcher>();
            var counters = host.Services.GetRequiredService<EngineCounters>();
            // The timeout is for the engine to keep up, so it starts counting where the schedule ends.
            await WaitForDecisionsAsync(watcher, events.Count, pacing.Length + _timeout, replay, () =>
            {
                var b = batcher.Statistics;
                return $"engine received {counters.Received}; model {b.Steps} steps in {b.Batches} batches (mean {b.MeanBatchSize:0.0}); pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued";
            }, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping, cancellationToken);
            await replay;
        }
        var elapsed = clock.Elapsed;

        var registry = host.Services.GetRequiredService<ActorRegistry>();
        var region = await registry.GetAsync<SessionRegion>(cancellationToken);
        var stats = await region.Ask<RegionStats>(GetRegionStats.Instance, TimeSpan.FromSeconds(10));
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var batches = host.Services.GetRequiredService<StepBatcher>().Statistics;

        var result = new DemoResult(events.Count, watcher.Decisions, watcher.DeadLetters, watcher.LatencyMs(50),
            watcher.LatencyMs(99), watcher.MaxLatencyMs, events.Count / elapsed.TotalSeconds, elapsed,
            scorer.Model.Version, stats.LiveSessions,
            stats.LiveSessions == 0 ? 0 : (double)(managedAfter - managedBefore) / stats.LiveSessions,
            batches.MeanBatchSize, batches.P50BatchSize, batches.P99BatchSize, batches.MaxBatchSize, batches.Batches,
            watcher.DeadLetterReasons(), watcher.RecommendationReasons(), watcher.Guardrails(), watcher.LatestPriced(), pacing)
        {
            Lists = watcher.Lists(feed.Count),
        };
        if (report is not null) await report(result);
        if (hold)
        {
            _status("holding the engine open (its HTTP surface and dashboard answer) until Ctrl+C");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
        await host.StopAsync(CancellationToken.None);
        return result;
    }

    private async Task WaitForDecisionsAsync(DecisionWatcher watcher, int expected, TimeSpan timeout, Task replay, Func<string> engineStatus,
        CancellationToken engineStopped, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastShown = TimeSpan.Zero;
        while (watcher.Decisions + watcher.DeadLetters < expected)
        {
            if (engineStopped.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"the engine stopped after {watcher.Decisions} decisions and {watcher.DeadLetters} dead letters of {expected} events (its error is logged above)");
            }
            if (replay.IsFaulted)
            {
                await replay;
            }
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"after {timeout.TotalSeconds:0} s only {watcher.Decisions} decisions and {watcher.DeadLetters} dead letters of {expected} events arrived");
            }
            if (deadline.Elapsed - lastShown >= TimeSpan.FromSeconds(1))
            {
                lastShown = deadline.Elapsed;
                _status($"{watcher.Decisions} decisions, {watcher.DeadLetters} dead letters of {expected} events; p99 {watcher.LatencyMs(99):0.0} ms; {engineStatus()}");
                foreach (var d in watcher.Latest().TakeLast(3))
                {
                    var top = d.Recommendations.Count > 0 ? $"{d.Recommendations[0].ProductId} ({d.Recommendations[0].Reason})" : "-";
                    var price = d.Price is { } p ? $" price {p.ListPrice:0.00}→{p.OfferPrice:0.00} ({p.Guardrail})" : "";
                    _status($"  {d.SessionId} #{d.Sequence} {d.Stage,-13} convert {d.ConversionProbability:0.000} friction {d.FrictionScore:0.000} next {top}{price} ({d.LatencyMs:0.0} ms)");
                }
            }
            await Task.Delay(50, cancellationToken);
        }
    }
}
