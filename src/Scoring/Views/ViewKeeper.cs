namespace Journeys.Scoring.Views;

/// <summary>
/// The part of a view stage that keeps its model across restarts: restores the model and its positions from the saved
/// state (or starts a fresh model when there is none or it cannot be used, and says why), admits only clicks the state
/// does not cover yet, and saves model and positions together when asked. Single-threaded: the stage's logic owns it.
/// </summary>
internal sealed class ViewKeeper<TModel>
{
    private readonly string _view;
    private readonly ViewPersistence? _persistence;
    private readonly Action<TModel, BinaryWriter> _write;
    private readonly ViewPositions _positions;
    private bool _unsaved;
    private int _lastSize;

    public ViewKeeper(string view, ViewPersistence? persistence, Func<BinaryReader, TModel> restore, Func<TModel> fresh,
        Action<TModel, BinaryWriter> write)
    {
        _view = view;
        _persistence = persistence;
        _write = write;
        if (persistence?.Restored is not { } bytes)
        {
            Model = fresh();
            _positions = new ViewPositions();
            persistence?.Report(new ViewRestore(view, false, _positions.Next, null));
            return;
        }
        try
        {
            var state = ViewState.Decode(bytes, view);
            using (state.Body)
            {
                Model = restore(state.Body);
            }
            _positions = state.Positions;
            WasRestored = true;
            persistence.Report(new ViewRestore(view, true, new Dictionary<int, long>(_positions.Next), null));
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ArgumentException)
        {
            // A state this engine cannot use (damaged, another format, other settings) must not stop decisions: the
            // view starts empty, as it did before views were saved, and says so.
            Model = fresh();
            _positions = new ViewPositions();
            persistence.Report(new ViewRestore(view, false, _positions.Next, e.Message));
        }
    }

    public TModel Model { get; }

    public bool WasRestored { get; }

    /// <summary>How often to save; null when the view is not saved.</summary>
    public TimeSpan? CheckpointInterval => _persistence?.CheckpointInterval;

    /// <summary>True when the click is to be counted: the saved state does not cover it yet.</summary>
    public bool Admit(in ViewClick click)
    {
        if (!_positions.Admit(click)) return false;
        _unsaved = true;
        return true;
    }

    /// <summary>Saves model and positions if a click was counted since the last save and saves are taken now.</summary>
    public void Checkpoint()
    {
        if (_persistence is null || !_unsaved || _persistence.Accepting?.Invoke() == false) return;
        _unsaved = false;
        var state = ViewState.Encode(_view, _positions.Next, w => _write(Model, w), _lastSize);
        _lastSize = state.Length;
        _persistence.Save(_view, state);
    }
}
