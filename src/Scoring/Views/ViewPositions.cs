namespace Journeys.Scoring.Views;

/// <summary>
/// The next offset a view has not counted, per partition of the clicks topic. A view admits a click at or after that
/// offset and refuses one before it: a replay after a restart (the view restored from state that covers those clicks)
/// counts nothing twice. Single-threaded, like the view that owns it.
/// </summary>
public sealed class ViewPositions
{
    private readonly Dictionary<int, long> _next = [];

    public ViewPositions()
    {
    }

    public ViewPositions(IEnumerable<KeyValuePair<int, long>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        foreach (var (partition, offset) in next) _next[partition] = offset;
    }

    /// <summary>Per partition, the first offset not yet counted.</summary>
    public IReadOnlyDictionary<int, long> Next => _next;

    /// <summary>Clicks refused since start because the state already covered them.</summary>
    public long Skipped { get; private set; }

    /// <summary>True when <paramref name="click"/> is to be counted (and it is then recorded as counted).</summary>
    public bool Admit(in ViewClick click)
    {
        if (click.Partition < 0) return true;
        if (_next.TryGetValue(click.Partition, out var next) && click.Offset < next)
        {
            Skipped++;
            return false;
        }
        _next[click.Partition] = click.Offset + 1;
        return true;
    }
}
