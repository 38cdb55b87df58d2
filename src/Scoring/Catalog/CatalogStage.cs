using Akka.Streams.Stage;
using Akka.Streams;
using Journeys.Contracts.Diagnostics;
using Journeys.Contracts.Events;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// The catalog stage, a branch of the click stream: every event feeds a <see cref="CatalogModel"/>, and every
/// <see cref="CatalogOptions.PublishInterval"/> the latest snapshot goes downstream (to Garnet and the recommender).
/// It always pulls its inlet, whatever downstream does, so it never holds back the click stream it branches from;
/// a slow downstream gets the latest snapshot when it next pulls (older ones are never queued), and nothing is
/// emitted while no event arrived since the last snapshot. On completion a final snapshot goes out if events arrived
/// since the last one. Each materialization has its own model, and its own session-neighbour index seeded with the
/// same sessions.
/// </summary>
public sealed class CatalogStage : GraphStage<FlowShape<ClickEvent, CatalogSnapshot>>
{
    private readonly CatalogOptions options;
    private readonly SessionNeighbourOptions? neighbourOptions;
    private readonly IReadOnlyList<string[]> seedSessions;

    /// <param name="options">The catalog model's options.</param>
    /// <param name="neighbourOptions">The session-neighbour index's options; null (or MaxSessions 0) keeps no index.</param>
    /// <param name="seedSessions">Sessions of product ids, oldest first, indexed before the first click (the model
    /// file's training sessions).</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each setting to fix).</exception>
    public CatalogStage(CatalogOptions options, SessionNeighbourOptions? neighbourOptions = null, IReadOnlyList<string[]>? seedSessions = null)
    {
        CatalogOptionsValidator.Check(options);
        if (neighbourOptions is not null) SessionNeighbourOptionsValidator.Check(neighbourOptions);
        this.options = options;
        this.neighbourOptions = neighbourOptions;
        this.seedSessions = seedSessions ?? [];
        Shape = new FlowShape<ClickEvent, CatalogSnapshot>(In, Out);
    }

    public Inlet<ClickEvent> In { get; } = new("CatalogStage.in");

    public Outlet<CatalogSnapshot> Out { get; } = new("CatalogStage.out");

    public override FlowShape<ClickEvent, CatalogSnapshot> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string PublishTimer = "publish";
        private readonly CatalogStage stage;
        private readonly CatalogModel model;
        private bool changed;
        private bool due;

        public Logic(CatalogStage stage) : base(stage.Shape)
        {
            this.stage = stage;
            model = new CatalogModel(stage.options, NewIndex(stage));
            SetHandler(stage.In,
                onPush: () =>
                {
                    var started = StageClock.Start();
                    model.Observe(Grab(stage.In));
                    StageClock.Stop(EngineStage.Views, started);
                    changed = true;
                    Pull(stage.In);
                },
                onUpstreamFinish: () =>
                {
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
            // A seeded index is news before the first click: published at once, decisions find neighbours from the
            // start instead of after the first publish interval.
            if (model.NeighbourSessions > 0)
            {
                changed = true;
                due = true;
            }
            Pull(stage.In);
            ScheduleRepeatedly(PublishTimer, stage.options.PublishInterval);
        }

        protected override void OnTimer(object timerKey)
        {
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
