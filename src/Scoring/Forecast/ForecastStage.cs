using Akka.Streams;
using Akka.Streams.Stage;
using Journeys.Contracts.Diagnostics;
using Journeys.Scoring.Views;

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
/// <para>Product feed rows come in through the <see cref="ProductFeedInbox"/> given here (see there for why).</para>
/// <para>
/// With a <see cref="ViewPersistence"/> the model starts from the saved state, skips clicks that state already counted,
/// and saves its state every checkpoint interval and when the clicks end.
/// </para>
/// </summary>
public sealed class ForecastStage : GraphStage<FlowShape<ViewClick, ForecastSnapshot>>
{
    /// <summary>The view's name in saved states.</summary>
    public const string ViewName = "forecast";

    private readonly ForecastOptions _options;
    private readonly ProductFeedInbox _feed;
    private readonly ViewPersistence? _persistence;

    public ForecastStage(ForecastOptions options, ProductFeedInbox? feed = null, ViewPersistence? persistence = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _feed = feed ?? new ProductFeedInbox();
        _persistence = persistence;
        Shape = new FlowShape<ViewClick, ForecastSnapshot>(In, Out);
    }

    public Inlet<ViewClick> In { get; } = new("ForecastStage.in");

    public Outlet<ForecastSnapshot> Out { get; } = new("ForecastStage.out");

    public override FlowShape<ViewClick, ForecastSnapshot> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        private const string PublishTimer = "publish";
        private const string CheckpointTimer = "checkpoint";
        private readonly ForecastStage _stage;
        private readonly ViewKeeper<ForecastModel> _keeper;
        private readonly ForecastModel _model;
        // A tick came while downstream had not asked: publish as soon as it does.
        private bool _due;

        public Logic(ForecastStage stage) : base(stage.Shape)
        {
            _stage = stage;
            _keeper = new ViewKeeper<ForecastModel>(ViewName, stage._persistence,
                reader => ForecastModel.Restore(stage._options, reader),
                () => new ForecastModel(stage._options),
                (m, writer) => m.WriteState(writer));
            _model = _keeper.Model;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            // A restored model is published as soon as downstream asks, so decisions use it from the start.
            _due = _keeper.WasRestored;
            ScheduleRepeatedly(PublishTimer, _stage._options.PublishInterval);
            if (_keeper.CheckpointInterval is { } interval) ScheduleRepeatedly(CheckpointTimer, interval);
            Pull(_stage.In);
        }

        public void OnPush()
        {
            var click = Grab(_stage.In);
            if (_keeper.Admit(click))
            {
                var started = StageClock.Start();
                _stage._feed.DrainInto(_model);
                _model.Observe(click.Event);
                StageClock.Stop(EngineStage.Views, started);
            }
            Pull(_stage.In);
        }

        public void OnUpstreamFinish()
        {
            CancelTimer(PublishTimer);
            _stage._feed.DrainInto(_model);
            _keeper.Checkpoint();
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
            _stage._feed.DrainInto(_model);
            if (Equals(timerKey, CheckpointTimer))
            {
                _keeper.Checkpoint();
                return;
            }
            if (IsAvailable(_stage.Out)) PublishIfChanged();
            else _due = true;
        }

        private void PublishIfChanged()
        {
            if (_model.HasChanges || (_keeper.WasRestored && _model.Published == 0)) Push(_stage.Out, _model.Publish());
            _due = false;
        }
    }
}
