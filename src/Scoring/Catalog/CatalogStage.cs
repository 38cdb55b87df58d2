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

    private readonly CatalogOptions options;
    private readonly SessionNeighbourOptions? neighbourOptions;
    private readonly IReadOnlyList<string[]> seedSessions;
    private readonly ViewPersistence? persistence;

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
        this.options = options;
        this.neighbourOptions = neighbourOptions;
        this.seedSessions = seedSessions ?? [];
        this.persistence = persistence;
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
        private readonly CatalogStage stage;
        private readonly ViewKeeper<CatalogModel> keeper;
        private readonly CatalogModel model;
        private bool changed;
        private bool due;

        public Logic(CatalogStage stage) : base(stage.Shape)
        {
            this.stage = stage;
            keeper = new ViewKeeper<CatalogModel>(ViewName, stage.persistence,
                reader => CatalogModel.Restore(stage.options, stage.neighbourOptions, reader, () => NewIndex(stage)),
                () => new CatalogModel(stage.options, NewIndex(stage)),
                (m, writer) => m.WriteState(writer));
            model = keeper.Model;
            SetHandler(stage.In,
                onPush: () =>
                {
                    var click = Grab(stage.In);
                    if (keeper.Admit(click))
                    {
                        var started = StageClock.Start();
                        model.Observe(click.Event);
                        StageClock.Stop(EngineStage.Views, started);
                        changed = true;
                    }
                    Pull(stage.In);
                },
                onUpstreamFinish: () =>
                {
                    keeper.Checkpoint();
                    if (changed)
                    {
                        Emit(stage.Out, model.Snapshot(), CompleteStage);
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
            if (stage.neighbourOptions is not { MaxSessions: > 0 } options) return null;
            var index = new SessionNeighbourIndex(options);
            index.Seed(stage.seedSessions);
            return index;
        }

        public override void PreStart()
        {
            // A seeded index or a restored model is news before the first click: published at once, so decisions find
            // neighbours and relations from the start instead of after the first publish interval.
            if (model.NeighbourSessions > 0 || keeper.WasRestored)
            {
                changed = true;
                due = true;
            }
            Pull(stage.In);
            ScheduleRepeatedly(PublishTimer, stage.options.PublishInterval);
            if (keeper.CheckpointInterval is { } interval) ScheduleRepeatedly(CheckpointTimer, interval);
        }

        protected override void OnTimer(object timerKey)
        {
            if (Equals(timerKey, CheckpointTimer))
            {
                keeper.Checkpoint();
                return;
            }
            due = true;
            TryPublish();
        }

        private void TryPublish()
        {
            if (!due || !changed || !IsAvailable(stage.Out)) return;
            due = false;
            changed = false;
            Push(stage.Out, model.Snapshot());
        }
    }
}
