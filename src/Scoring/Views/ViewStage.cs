using Akka.Streams;
using Akka.Streams.Stage;
using Journeys.Contracts.Diagnostics;

namespace Journeys.Scoring.Views;

/// <summary>
/// A view of the click stream as a branch of it (the catalog and forecast stages): every click feeds the model; every
/// <see cref="PublishInterval"/>, if something changed, the latest snapshot goes downstream.
/// <para>
/// Upstream is never held back by downstream: the inlet is pulled again as soon as a click is taken, so the click
/// stream the view branches from never waits for its readers. A snapshot is built only when downstream can take it: a
/// tick while downstream has not asked leaves the publish due, and the snapshot is built when it asks, so a slow reader
/// gets the newest state and skips versions, never a queue. Building runs on the stage's thread; clicks wait in the
/// stage's input buffer meanwhile.
/// </para>
/// <para>
/// A model restored from its saved state (<see cref="ViewPersistence"/>, through <see cref="ViewKeeper{TModel}"/>), or
/// one that <see cref="StartsWithNews"/>, is published as soon as downstream asks, so decisions use it from the start
/// instead of after the first interval. Clicks the saved state already counted are skipped; the state is saved every
/// checkpoint interval and when the clicks end. When the clicks end, the last snapshot goes out (if anything changed,
/// or always when <see cref="AlwaysPublishesAtFinish"/>) and the stage completes; a failing click stream fails it.
/// </para>
/// Each materialization has a model of its own.
/// </summary>
public abstract class ViewStage<TModel, TSnapshot> : GraphStage<FlowShape<ViewClick, TSnapshot>>
    where TModel : IViewModel<TSnapshot>
{
    private readonly string _viewName;
    private readonly ViewPersistence? _persistence;

    /// <param name="viewName">The view's name in saved states.</param>
    /// <param name="persistence">Where the model's state comes from and goes; null keeps it in memory only.</param>
    protected ViewStage(string viewName, ViewPersistence? persistence)
    {
        _viewName = viewName;
        _persistence = persistence;
        In = new Inlet<ViewClick>($"{GetType().Name}.in");
        Out = new Outlet<TSnapshot>($"{GetType().Name}.out");
        Shape = new FlowShape<ViewClick, TSnapshot>(In, Out);
    }

    public Inlet<ViewClick> In { get; }

    public Outlet<TSnapshot> Out { get; }

    public sealed override FlowShape<ViewClick, TSnapshot> Shape { get; }

    /// <summary>How often a changed model is published.</summary>
    protected abstract TimeSpan PublishInterval { get; }

    /// <summary>
    /// True: the end of the clicks always publishes a last snapshot, even an unchanged (or empty) one. False: only if
    /// something changed since the last.
    /// </summary>
    protected abstract bool AlwaysPublishesAtFinish { get; }

    /// <summary>A model with nothing counted yet (one per materialization).</summary>
    protected abstract TModel CreateModel();

    /// <summary>The model a saved state holds, under the running options.</summary>
    /// <exception cref="InvalidDataException">The state cannot be used: the view then starts from
    /// <see cref="CreateModel"/>.</exception>
    protected abstract TModel RestoreModel(BinaryReader reader);

    /// <summary>
    /// True when a fresh or restored model already holds news before the first click (e.g. a seeded index).
    /// </summary>
    protected virtual bool StartsWithNews(TModel model) => false;

    /// <summary>
    /// Brings the model up to date with what reaches it beside the clicks (the forecast's product feed rows): called on
    /// the stage's thread before each counted click, at every tick and when the clicks end.
    /// </summary>
    protected virtual void CatchUp(TModel model)
    {
    }

    protected sealed override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        private const string PublishTimer = "publish";
        private const string CheckpointTimer = "checkpoint";
        private readonly ViewStage<TModel, TSnapshot> _stage;
        private readonly ViewKeeper<TModel> _keeper;
        private readonly TModel _model;
        // The model holds news its own HasChanges does not show (restored, seeded) until its first publish.
        private bool _news;
        // A tick came while downstream had not asked (or before anything changed): publish when both hold.
        private bool _due;

        public Logic(ViewStage<TModel, TSnapshot> stage) : base(stage.Shape)
        {
            _stage = stage;
            _keeper = new ViewKeeper<TModel>(stage._viewName, stage._persistence, stage.RestoreModel, stage.CreateModel,
                (m, writer) => m.WriteState(writer));
            _model = _keeper.Model;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        private bool HasNews => _news || _model.HasChanges;

        public override void PreStart()
        {
            _news = _keeper.WasRestored || _stage.StartsWithNews(_model);
            _due = _news;
            ScheduleRepeatedly(PublishTimer, _stage.PublishInterval);
            if (_keeper.CheckpointInterval is { } interval) ScheduleRepeatedly(CheckpointTimer, interval);
            Pull(_stage.In);
        }

        public void OnPush()
        {
            var click = Grab(_stage.In);
            if (_keeper.Admit(click))
            {
                var started = StageClock.Start();
                _stage.CatchUp(_model);
                _model.Observe(click.Event);
                StageClock.Stop(EngineStage.Views, started);
            }
            Pull(_stage.In);
        }

        public void OnUpstreamFinish()
        {
            CancelTimer(PublishTimer);
            _stage.CatchUp(_model);
            _keeper.Checkpoint();
            if (_stage.AlwaysPublishesAtFinish || HasNews) Emit(_stage.Out, Publish(), CompleteStage);
            else CompleteStage();
        }

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnPull() => TryPublish();

        // No reader is left for the snapshots: the view stops, and the click stream goes on without this branch.
        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        protected override void OnTimer(object timerKey)
        {
            _stage.CatchUp(_model);
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
            if (!_due || !HasNews || !IsAvailable(_stage.Out)) return;
            _due = false;
            Push(_stage.Out, Publish());
        }

        private TSnapshot Publish()
        {
            _news = false;
            return _model.Publish();
        }
    }
}
