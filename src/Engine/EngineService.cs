using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Journeys.Ingest.Kafka;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.Scoring.Products;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Journeys.Engine;

/// <summary>
/// Runs the decision pipeline for the life of the host. If the pipeline fails (a delivery failed, the model is stuck,
/// Kafka reported a fatal error) the host stops with exit code 1 instead of running on with work it cannot
/// acknowledge.
/// </summary>
internal sealed class EngineService : IHostedService, IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ActorRegistry _registry;
    private readonly IOptions<KafkaOptions> _kafka;
    private readonly IOptions<EngineOptions> _engine;
    private readonly IOptions<SessionOptions> _sessions;
    private readonly EngineCounters _counters;
    private readonly GarnetSessionStore _store;
    private readonly SnapshotLoader _loader;
    private readonly SnapshotWriter _writer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly ProductFeed _feed;
    private readonly ViewStages _views;
    private readonly ViewCheckpoints _checkpoints;
    private readonly EngineReadiness _readiness;
    private readonly EngineMetrics _metrics;
    private readonly IEngineTransport _transport;
    private readonly StepBatcher _batcher;
    private readonly ScoringModel _model;
    private readonly DecisionAdvisor _advisor;
    private IRecordPublisher? _publisher;
    private IClickSourceControl? _control;
    private IDisposable? _feedReader;

    public EngineService(ActorSystem system, ActorRegistry registry, IOptions<KafkaOptions> kafka,
        IOptions<EngineOptions> engine, IOptions<SessionOptions> sessions, EngineCounters counters,
        GarnetSessionStore store, SnapshotLoader loader, SnapshotWriter writer, ProductFeed feed, ViewStages views, ViewCheckpoints checkpoints, EngineReadiness readiness, EngineMetrics metrics, IEngineTransport transport, StepBatcher batcher,
        ScoringModel model, DecisionAdvisor advisor, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        _loader = loader;
        _writer = writer;
        _batcher = batcher;
        _model = model;
        _advisor = advisor;
        _transport = transport;
        _feed = feed;
        _views = views;
        _checkpoints = checkpoints;
        _readiness = readiness;
        // Its instruments live as long as the engine; nothing else holds it.
        _metrics = metrics;
        _store = store;
        _system = system;
        _registry = registry;
        _kafka = kafka;
        _engine = engine;
        _sessions = sessions;
        _counters = counters;
        _lifetime = lifetime;
        _loggers = loggers;
        _log = loggers.CreateLogger<EngineService>();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EngineWarmUp.RunAsync(_batcher, _model, _advisor, _sessions.Value, cancellationToken);
        var region = await _registry.GetAsync<SessionRegion>(cancellationToken);
        // `journeys erase` (any process) announces each erased session; a live one here must drop what it holds. Garnet
        // may be unreachable at start-up: the engine starts anyway (starting sessions wait for it, logged) and
        // subscribes once it answers.
        _ = SubscribeErasuresAsync(region);
        var kafka = _kafka.Value;
        _publisher = _transport.CreatePublisher();
        var pipeline = new DecisionPipeline(kafka, _engine.Value, _sessions.Value, region, _publisher, _counters, _loader,
            _loggers.CreateLogger<DecisionPipeline>());
        // A fatal producer error (e.g. the idempotent producer lost its sequence) fails the pipeline like a failed delivery.
        _publisher.FatalError += pipeline.Fail;
        await StartProductFeedAsync(kafka, pipeline, cancellationToken);
        var views = _views.Start(_transport, _system.Materializer());
        var source = _transport.Clicks(change => OnPartitionsChanged(change, region));
        var (control, completion) = pipeline.Run(source, views, _system.Materializer());
        _control = control;
        _metrics.Observe(control);
        _readiness.OnRunning();
        _log.LogInformation("Journeys engine consuming {Source}", _transport.Description);
        _ = WatchAsync(completion, pipeline.Failed);
    }

    /// <summary>
    /// Reads the product feed into <see cref="ProductFeed"/> (and keeps following it), dead-lettering invalid records
    /// like invalid clicks, and waits a bounded time for the feed as it stands so the first decisions price with costs.
    /// </summary>
    private async Task StartProductFeedAsync(KafkaOptions kafka, DecisionPipeline pipeline, CancellationToken cancellationToken)
    {
        var (reader, caughtUp) = _transport.StartProductFeed(_feed.Apply, pipeline.DeadLetterFeedRecord);
        _feedReader = reader;
        _ = caughtUp.ContinueWith(_ => _readiness.OnFeedCaughtUp(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var timeout = _engine.Value.CatalogCatchUpTimeout;
        try
        {
            await caughtUp.WaitAsync(timeout, cancellationToken);
            _log.LogInformation("Product feed: {Products} products from {Topic}", _feed.Count, kafka.CatalogTopic);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Product feed {Topic} not fully read after {Timeout} ({Products} products so far): deciding anyway; prices of products not yet read use the click's price and the default margin",
                kafka.CatalogTopic, timeout, _feed.Count);
        }
    }

    /// <summary>
    /// A revoked or lost partition's sessions continue on another engine: stop them here, so that if the partition
    /// comes back they start from what that engine left, not from stale state.
    /// </summary>
    private void OnPartitionsChanged(PartitionChange change, IActorRef region)
    {
        _checkpoints.OnPartitionsChanged(change);
        if (change.Kind is PartitionChangeKind.Assigned)
        {
            _readiness.OnAssignment();
            _counters.OnPartitionsAssigned(change.Partitions.Count);
            _writer.OnPartitionsAssigned(change.Partitions.Select(p => p.Partition.Value));
        }
        if (change.Kind is PartitionChangeKind.Revoked or PartitionChangeKind.Lost)
        {
            _counters.OnPartitionsReleased(change.Partitions.Count);
            region.Tell(new ReleasePartitions([.. change.Partitions.Select(p => p.Partition.Value)]));
        }
    }

    private async Task SubscribeErasuresAsync(IActorRef region)
    {
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await _store.SubscribeErasuresAsync(id => region.Tell(new EraseSession(id))).ConfigureAwait(false);
                if (attempt > 1)
                {
                    _log.LogInformation("Garnet answered: subscribed to erasures after {Attempts} attempts", attempt);
                }
                return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                if (attempt == 1 || attempt % 10 == 0)
                {
                    _log.LogWarning("Waiting for Garnet to subscribe to erasures (attempt {Attempt}): {Error}", attempt, e.Message);
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WatchAsync(Task completion, Task failed)
    {
        var first = await Task.WhenAny(completion, failed);
        if (first.IsFaulted)
        {
            _log.LogCritical(first.Exception?.GetBaseException(), "The decision pipeline failed; stopping Journeys");
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _readiness.OnStopping();
        // The views first: their last save is fenced by partition 0, which this engine gives up when the clicks stop.
        await _views.StopAsync(_engine.Value.DrainTimeout);
        if (_control is not null)
        {
            await _control.StopAsync(_engine.Value.DrainTimeout);
        }
        _feedReader?.Dispose();
        _publisher?.Flush(_engine.Value.DrainTimeout);
        _log.LogInformation("Journeys engine stopped: {Received} events, {Decisions} decisions, {DeadLetters} dead letters",
            _counters.Received, _counters.DecisionsDelivered, _counters.DeadLettersDelivered);
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _publisher?.Dispose();
        return ValueTask.CompletedTask;
    }
}
