using System.Collections;

namespace Journeys.Scoring.Model;

/// <summary>
/// A step's best next items as a list of <see cref="ScoredItem"/>, read straight from the batch's result block: the
/// recommender takes a list, and building one per decision was the larger part of a step's garbage. One view per
/// thread, re-pointed for each decision; valid until the reply is released.
/// </summary>
public sealed class StepCandidates : IReadOnlyList<ScoredItem>
{
    [ThreadStatic]
    private static StepCandidates? t_view;

    private int[] _items = [];
    private float[] _scores = [];
    private int _offset;
    private ISessionScorer? _scorer;

    public int Count { get; private set; }

    public ScoredItem this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return new ScoredItem(_scorer?.ProductAt(_items[_offset + index]) ?? string.Empty, _scores[_offset + index]);
        }
    }

    /// <summary>This thread's view, pointed at <paramref name="reply"/>'s items (named by <paramref name="scorer"/>).</summary>
    public static StepCandidates Of(StepReply reply, ISessionScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var view = t_view ??= new StepCandidates();
        var block = reply.Block ?? throw new InvalidOperationException("the step failed; it has no candidates", reply.Error);
        view._items = block.Items;
        view._scores = block.Scores;
        view._offset = reply.Row * block.TopK;
        view.Count = block.TopK;
        view._scorer = scorer;
        return view;
    }

    public IEnumerator<ScoredItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
