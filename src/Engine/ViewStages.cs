using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Journeys.Ingest.Kafka;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Views;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Logging;

namespace Journeys.Engine;

/// <summary>
/// The branches of the click stream beside the session path: the catalog stage (relations, trends, session
/// neighbours seeded from the model's training sessions) and the forecast
/// stage (demand, inventory). Each runs in its own actor behind a bounded buffer; each snapshot it publishes is
/// installed for decisions at once and written to
/// Garnet (<c>{prefix}:view:catalog</c>, <c>{prefix}:view:forecast</c>) for downstream services.
/// A full buffer backpressures the stream rather than dropping clicks: the views count every event, and their work per
/// event is a few dictionary updates, far below a model step.
/// <para>
/// On Kafka the views read every partition of the clicks topic themselves (<see cref="ViewRecordConsumer"/>), so each
/// engine's views hold the whole stream whatever partitions its sessions own. Their state is saved to Garnet every
/// <see cref="EngineOptions.ViewCheckpointInterval"/> and at a clean stop (<see cref="ViewCheckpoints"/>), with the
/// offsets it covers; at start they restore it and read on from those offsets, skipping what the state already counted.
/// Without a reader of their own (the load test's in-process log) they are fed the clicks the sessions get and not saved.
/// </para>
/// </summary>
#pragma warning disable CA1001 // _stopping is only ever cancelled (no timer, no handle): nothing to release, and a branch still stopping may read its token.
internal sealed class ViewStages
#pragma warning restore CA1001
{
    /// <summary>Clicks a branch may lag behind the decision path before it slows the stream.</summary>
    public const int BranchBuffer = 4096;

    private readonly CatalogOptions _catalog;
    private readonly SessionNeighbourOptions _neighbours;
    private readonly IReadOnlyList<string[]> _seedSessions;
    private readonly ForecastOptions _forecast;
    private readonly EngineOptions _engine;
    private readonly LiveViews _views;
    private readonly ProductFeedInbox _inbox;
    private readonly GarnetSessionStore _store;
    private readonly ViewCheckpoints _checkpoints;
    private readonly ILogger _log;
    private ViewRecordConsumer? _reader;
    private Task _completion = Task.CompletedTask;
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="seedSessions">The model's recent training sessions (product ids, oldest first): the catalog stage's
    /// session-neighbour index starts with them.</param>
    public ViewStages(CatalogOptions catalog, SessionNeighbourOptions neighbours, IReadOnlyList<string[]> seedSessions,
        ForecastOptions forecast, EngineOptions engine, LiveViews views, ProductFeedInbox inbox, GarnetSessionStore store,
        ViewCheckpoints checkpoints, ILogger log)
    {
        _catalog = catalog;
        _neighbours = neighbours;
        _seedSessions = seedSessions;
        _forecast = forecast;
        _engine = engine;
        _views = views;
        _inbox = inbox;
        _store = store;
        _checkpoints = checkpoints;
        _log = log;
    }

    /// <summary>Clicks handed to the branches at once (or whatever arrived within <see cref="BatchInterval"/>).</summary>
    public const int BatchSize = 256;

    /// <summary>The longest a click waits to be handed to the branches; views publish every few seconds.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Starts the views. On a transport with a reader of its own they restore their saved state and read the clicks
    /// topic from the offsets it covers, in the background (the decisions do not wait for them; until the restored views
    /// are published decisions use empty ones), and null is returned; otherwise the returned sink is to be fed the
    /// sessions' clicks.
    /// </summary>
    public Sink<ViewClick, NotUsed>? Start(IEngineTransport transport, IMaterializer materializer)
    {
        _reader = transport.ViewRecords();
        if (_reader is null)
        {
            return Branches(null, null).MapMaterializedValue(_ => NotUsed.Instance);
        }
        _completion = RunAsync(_reader, materializer);
        return null;
    }

    private async Task RunAsync(ViewRecordConsumer reader, IMaterializer materializer)
    {
        var catalogState = await ReadStateAsync(CatalogStage.ViewName).ConfigureAwait(false);
        var forecastState = await ReadStateAsync(ForecastStage.ViewName).ConfigureAwait(false);
        if (_stopping.IsCancellationRequested) return;
        reader.Start(StartOffsets(catalogState, forecastState));
        var requireKey = _engine.RequireKeyMatchesSession;
        try
        {
            await ChannelSource.FromReader(reader.Records)
                .Select(r => (Record: r, Click: DecisionPipeline.Validate(r.Key, r.Value, requireKey).Event))
                // Clicks the sessions refuse (dead-lettered by them) are not counted by the views either.
                .Where(c => c.Click is not null)
                .Select(c => new ViewClick(c.Record.Partition, c.Record.Offset, c.Click!))
                .RunWith(Branches(catalogState, forecastState), materializer).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Views that fail must not stop the decisions: they go on with the views last published.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "The catalog and forecast views stopped; decisions go on with the views last published");
        }
    }

    /// <summary>
    /// Stops the views' own reader and waits (bounded) for the branches to take their last clicks, save their state and
    /// have it written: a clean stop loses no view state.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_reader is null) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _reader.Dispose();
        try
        {
            await _completion.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("The views did not finish within {Timeout}: their last state may not be saved", timeout);
        }
        await _checkpoints.FlushAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>A view's saved state, or null (none, or Garnet not answering within Engine:ViewRestoreTimeout: then the view starts empty).</summary>
    private async Task<byte[]?> ReadStateAsync(string view)
    {
        try
        {
            return await _store.ReadViewStateAsync(view, _stopping.Token).WaitAsync(_engine.ViewRestoreTimeout, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            _log.LogWarning("The {View} view's saved state could not be read ({Error}): the view starts empty and counts from the group's committed offsets",
                view, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Where the views' reader starts: per partition the lowest offset either saved state still needs (each view skips
    /// what its own state covers); partitions in neither state start at the group's committed offset.
    /// </summary>
    private static Dictionary<int, long> StartOffsets(params byte[]?[] states)
    {
        var start = new Dictionary<int, long>();
        foreach (var state in states)
        {
            if (state is null) continue;
            try
            {
                foreach (var (partition, next) in ViewState.ReadPositions(state))
                {
                    start[partition] = start.TryGetValue(partition, out var other) ? Math.Min(other, next) : next;
                }
            }
            catch (InvalidDataException)
            {
                // The stage reports why it cannot use the state.
            }
        }
        return start;
    }

    /// <summary>
    /// Both stages behind one sink. The stream only groups clicks and hands each branch a batch at a time; each branch
    /// runs in an island (an actor) of its own, so the views' work never runs on the thread that feeds them, and
    /// crossing to a branch is one message per batch, not per click. Completes when both branches have finished.
    /// </summary>
    private Sink<ViewClick, Task> Branches(byte[]? catalogState, byte[]? forecastState)
    {
        var forecast = Flow.Create<IEnumerable<ViewClick>>()
            .SelectMany(batch => batch)
            .Via(new ForecastStage(_forecast, _inbox, _reader is null ? null : Persistence(forecastState)))
            .SelectAsync(1, s => PublishAsync("forecast", s, () => _views.Install(s), () => ForecastSnapshotCodec.Encode(s), s.Count))
            .ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<NotUsed>(), Keep.Right)
            .Async();
        var catalog = Flow.Create<IEnumerable<ViewClick>>()
            .SelectMany(batch => batch)
            .Via(new CatalogStage(_catalog, _neighbours, _seedSessions, _reader is null ? null : Persistence(catalogState)))
            .SelectAsync(1, s => PublishAsync("catalog", s, () => _views.Install(s), () => CatalogSnapshotCodec.Encode(s), s.ProductsWithRelations))
            .ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<NotUsed>(), Keep.Right)
            .Async();
        return Flow.Create<ViewClick>()
            .GroupedWithin(BatchSize, BatchInterval)
            .Buffer(BranchBuffer / BatchSize, OverflowStrategy.Backpressure)
            .AlsoToMaterialized(forecast, Keep.Right)
            .ToMaterialized(catalog, (f, c) => (Task)Task.WhenAll(f, c));
    }

    private ViewPersistence Persistence(byte[]? restored) =>
        new(restored, _engine.ViewCheckpointInterval, _checkpoints.Offer, Reported) { Accepting = () => _checkpoints.Saving };

    private void Reported(ViewRestore restore)
    {
        if (restore.Restored)
        {
            _log.LogInformation("The {View} view restored its saved state: it covers {Offsets} and counts only the clicks after it",
                restore.View, string.Join(", ", restore.Positions.OrderBy(p => p.Key).Select(p => $"partition {p.Key} up to offset {p.Value}")));
        }
        else if (restore.Error is { } error)
        {
            _log.LogWarning("The {View} view's saved state was not used ({Error}): the view starts empty", restore.View, error);
        }
        else
        {
            _log.LogInformation("The {View} view has no saved state yet: it starts empty", restore.View);
        }
    }

    /// <summary>
    /// Installs a snapshot for decisions, then stores it in Garnet. A Garnet failure is logged and skipped: the copy in
    /// Garnet is for readers outside the engine, and the next interval writes a newer one.
    /// </summary>
    private async Task<NotUsed> PublishAsync(string name, object snapshot, Action install, Func<byte[]> encode, int size)
    {
        install();
        try
        {
            await _store.PublishViewAsync(name, encode()).ConfigureAwait(false);
            _log.LogDebug("Published the {View} view ({Size} products) to {Key}", name, size, _store.ViewKey(name));
        }
#pragma warning disable CA1031 // A view that cannot be stored must not stop the decisions that use it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogWarning("The {View} view ({Snapshot}) was installed but not written to Garnet: {Error}", name, snapshot.GetType().Name, e.Message);
        }
        return NotUsed.Instance;
    }
}
