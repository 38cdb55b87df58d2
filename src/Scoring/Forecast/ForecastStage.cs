using Akka.Streams.Stage;
using Akka.Streams;
using Journeys.Contracts.Diagnostics;
using Journeys.Contracts.Events;

namespace Journeys.Scoring.Forecast;

/// <summary>
/// The forecast branch of the click stream: every click goes into a <see cref="ForecastModel"/>; every
/// <see cref="ForecastOptions.PublishInterval"/>, if something changed, a new <see cref="ForecastSnapshot"/> goes out,
/// and one last snapshot when the clicks end.
/// <para>
/// Upstream is never held back by downstream: the stage pulls the next click as soon as it has taken one. Snapshots are
/// built only when downstream can take one, so a slow reader gets the newest state and skipped versions, never a queue.
/// The stage's thread pays for a build: each product whose counts or stock changed is refitted, all of them on the
/// first publish of a new day (at 100,000 products ≈ 20–40 ms per publish, ≈ 0.3 s of CPU once a day; see
/// <see cref="ForecastOptions.PublishInterval"/>), during which clicks wait in the stage's input buffer.
/// </para>
/// <para>Catalog-feed rows come in through the <see cref="CatalogFeedInbox"/> given here (see there for why).</para>
/// </summary>
public sealed class ForecastStage : GraphStage<FlowShape<ClickEvent, ForecastSnapshot>>
{
    private readonly ForecastOptions _options;
    private readonly CatalogFeedInbox _catalog;

    public ForecastStage(ForecastOptions options, CatalogFeedInbox? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _catalog = catalog ?? new CatalogFeedInbox();
        Shape = new FlowShape<ClickEvent, ForecastSnapshot>(In, Out);
    }

    public Inlet<ClickEvent> In { get; } = new("ForecastStage.in");

    public Outlet<ForecastSnapshot> Out { get; } = new("ForecastStage.out");

    public override FlowShape<ClickEvent, ForecastSnapshot> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        private const string PublishTimer = "publish";
        private readonly ForecastStage _stage;
        private readonly ForecastModel _model;
        // A tick came while downstream had not asked: publish as soon as it does.
        private bool _due;

        public Logic(ForecastStage stage) : base(stage.Shape)
        {
            _stage = stage;
            _model = new ForecastModel(stage._options);
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            ScheduleRepeatedly(PublishTimer, _stage._options.PublishInterval);
            Pull(_stage.In);
        }

        public void OnPush()
        {
            var started = StageClock.Start();
            _stage._catalog.DrainInto(_model);
            _model.Observe(Grab(_stage.In));
            StageClock.Stop(EngineStage.Views, started);
            Pull(_stage.In);
        }

        public void OnUpstreamFinish()
        {
            CancelTimer(PublishTimer);
            _stage._catalog.DrainInto(_model);
            Emit(_stage.Out, _model.Publish(), CompleteStage);
        }

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnPull()
        {
            if (_due) PublishIfChanged();
        }

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        protected override void OnTimer(object timerKey)
        {
            _stage._catalog.DrainInto(_model);
            if (IsAvailable(_stage.Out)) PublishIfChanged();
            else _due = true;
        }

        private void PublishIfChanged()
        {
            _due = false;
            if (_model.HasChanges) Push(_stage.Out, _model.Publish());
        }
    }
}
