using Akka.Streams.Stage;
using Akka.Streams;
using Journeys.Contracts.Diagnostics;
using Journeys.Scoring.Views;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// The catalog stage, a branch of the click stream: every event feeds a <see cref="CatalogModel"/>, and every
/// <see cref="CatalogOptions.PublishInterval"/> the latest snapshot goes downstream (to Garnet and the recommender).
/// It always pulls its inlet, whatever downstream does, so it never holds back the click stream it branches from;
/// a slow downstream gets the latest snapshot when it next pulls (older ones are never queued), and nothing is
/// emitted while no event arrived since the last snapshot. On completion a final snapshot goes out if events arrived
/// since the last one. Each materialization has its own model, and its own session-neighbour index seeded with the
/// same sessions.
/// <para>
/// With a <see cref="ViewPersistence"/> the model starts from the saved state (then the seed sessions are not indexed
/// again: the state's index already holds what is left of them), skips clicks that state already counted, and saves
/// its state every checkpoint interval and when the clicks end.
/// </para>
/// </summary>
public sealed class CatalogStage : GraphStage<FlowShape<ViewClick, CatalogSnapshot>>
{
    /// <summary>The view's name in saved states.</summary>
    public const string ViewName = "catalog";

    private readonly CatalogOptions _options;
    private readonly SessionNeighbourOptions? _neighbourOptions;
    private readonly IReadOnlyList<string[]> _seedSessions;
    private readonly ViewPersistence? _persistence;

    /// <param name="options">The catalog model's options.</param>
    /// <param name="neighbourOptions">The session-neighbour index's options; null (or MaxSessions 0) keeps no index.</param>
    /// <param name="seedSessions">Sessions of product ids, oldest first, indexed before the first click (the model
    /// file's training sessions).</param>
    /// <param name="persistence">Where the model's state comes from and goes; null keeps it in memory only.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each setting to fix).</exception>
    public CatalogStage(CatalogOptions options, SessionNeighbourOptions? neighbourOptions = null, IReadOnlyList<string[]>? seedSessions = null,
        ViewPersistence? persistence = null)
    {
        CatalogOptionsValidator.Check(options);
        if (neighbourOptions is not null) SessionNeighbourOptionsValidator.Check(neighbourOptions);
        this._options = options;
        this._neighbourOptions = neighbourOptions;
        this._seedSessions = seedSessions ?? [];
        this._persistence = persistence;
        Shape = new FlowShape<ViewClick, CatalogSnapshot>(In, Out);
    }

    public Inlet<ViewClick> In { get; } = new("CatalogStage.in");

    public Outlet<CatalogSnapshot> Out { get; } = new("CatalogStage.out");

    public override FlowShape<ViewClick, CatalogSnapshot> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string PublishTimer = "publish";
        private const string CheckpointTimer = "checkpoint";
        private readonly CatalogStage _stage;
        private readonly ViewKeeper<CatalogModel> _keeper;
        private readonly CatalogModel _model;
        private bool _changed;
        private bool _due;

        public Logic(CatalogStage stage) : base(stage.Shape)
        {
            this._stage = stage;
            _keeper = new ViewKeeper<CatalogModel>(ViewName, stage._persistence,
                reader => CatalogModel.Restore(stage._options, stage._neighbourOptions, reader, () => NewIndex(stage)),
                () => new CatalogModel(stage._options, NewIndex(stage)),
                (m, writer) => m.WriteState(writer));
            _model = _keeper.Model;
            SetHandler(stage.In,
                onPush: () =>
                {
                    var click = Grab(stage.In);
                    if (_keeper.Admit(click))
                    {
                        var started = StageClock.Start();
                        _model.Observe(click.Event);
                        StageClock.Stop(EngineStage.Views, started);
                        _changed = true;
                    }
                    Pull(stage.In);
                },
                onUpstreamFinish: () =>
                {
                    _keeper.Checkpoint();
                    if (_changed)
                    {
                        Emit(stage.Out, _model.Snapshot(), CompleteStage);
                    }
                    else
                    {
                        CompleteStage();
                    }
                });
            SetHandler(stage.Out, onPull: TryPublish);
        }

        private static SessionNeighbourIndex? NewIndex(CatalogStage stage)
        {
            if (stage._neighbourOptions is not { MaxSessions: > 0 } options) return null;
            var index = new SessionNeighbourIndex(options);
            index.Seed(stage._seedSessions);
            return index;
        }

        public override void PreStart()
        {
            // A seeded index or a restored model is news before the first click: published at once, so decisions find
            // neighbours and relations from the start instead of after the first publish interval.
            if (_model.NeighbourSessions > 0 || _keeper.WasRestored)
            {
                _changed = true;
                _due = true;
            }
            Pull(_stage.In);
            ScheduleRepeatedly(PublishTimer, _stage._options.PublishInterval);
            if (_keeper.CheckpointInterval is { } interval) ScheduleRepeatedly(CheckpointTimer, interval);
        }

        protected override void OnTimer(object timerKey)
        {
            if (Equals(timerKey, CheckpointTimer))
            {
                _keeper.Checkpoint();
                return;
            }
            _due = true;
            TryPublish();
        }

        private void TryPublish()
        {
            if (!_due || !_changed || !IsAvailable(_stage.Out)) return;
            _due = false;
            _changed = false;
            Push(_stage.Out, _model.Snapshot());
        }
    }
}
