using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Journeys.Contracts.Events;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
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
/// </summary>
internal sealed class ViewStages
{
    /// <summary>Clicks a branch may lag behind the decision path before it slows the stream.</summary>
    public const int BranchBuffer = 4096;

    private readonly CatalogOptions _catalog;
    private readonly SessionNeighbourOptions _neighbours;
    private readonly IReadOnlyList<string[]> _seedSessions;
    private readonly ForecastOptions _forecast;
    private readonly LiveViews _views;
    private readonly CatalogFeedInbox _inbox;
    private readonly GarnetSessionStore _store;
    private readonly ILogger _log;

    /// <param name="seedSessions">The model's recent training sessions (product ids, oldest first): the catalog stage's
    /// session-neighbour index starts with them.</param>
    public ViewStages(CatalogOptions catalog, SessionNeighbourOptions neighbours, IReadOnlyList<string[]> seedSessions,
        ForecastOptions forecast, LiveViews views, CatalogFeedInbox inbox, GarnetSessionStore store, ILogger log)
    {
        _catalog = catalog;
        _neighbours = neighbours;
        _seedSessions = seedSessions;
        _forecast = forecast;
        _views = views;
        _inbox = inbox;
        _store = store;
        _log = log;
    }

    /// <summary>Clicks handed to the branches at once (or whatever arrived within <see cref="BatchInterval"/>).</summary>
    public const int BatchSize = 256;

    /// <summary>The longest a click waits to be handed to the branches; views publish every few seconds.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// A sink for valid clicks that feeds both stages. The click stream only groups clicks and hands each branch a
    /// batch at a time; each branch runs in an island (an actor) of its own, so the views' work never runs on the thread
    /// that decodes and dispatches clicks, and crossing to a branch is one message per batch, not per click.
    /// </summary>
    public Sink<ClickEvent, NotUsed> Sink()
    {
        var forecast = Flow.Create<IEnumerable<ClickEvent>>()
            .SelectMany(batch => batch)
            .Via(new ForecastStage(_forecast, _inbox))
            .SelectAsync(1, s => PublishAsync("forecast", s, () => _views.Install(s), () => ForecastSnapshotCodec.Encode(s), s.Count))
            .To(Akka.Streams.Dsl.Sink.Ignore<NotUsed>())
            .Async();
        var catalog = Flow.Create<IEnumerable<ClickEvent>>()
            .SelectMany(batch => batch)
            .Via(new CatalogStage(_catalog, _neighbours, _seedSessions))
            .SelectAsync(1, s => PublishAsync("catalog", s, () => _views.Install(s), () => CatalogSnapshotCodec.Encode(s), s.ProductsWithRelations))
            .To(Akka.Streams.Dsl.Sink.Ignore<NotUsed>())
            .Async();
        return Flow.Create<ClickEvent>()
            .GroupedWithin(BatchSize, BatchInterval)
            .Buffer(BranchBuffer / BatchSize, OverflowStrategy.Backpressure)
            .AlsoTo(forecast)
            .To(catalog);
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
