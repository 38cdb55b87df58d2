namespace Journeys.Scoring.Batching;

/// <summary>
/// The LSTM state (h and c) of every live session, as rows of large shared pages rather than two small arrays per
/// session: a row is 2 × hidden floats with no object header, the batcher reads a batch's rows straight into the
/// model's input and writes the new state straight back, and a million sessions are a few hundred pages, not two
/// million arrays for the GC to trace. A session rents a row when it starts and returns it when it stops.
/// Ownership is the protocol: only the session that rented a row touches it, except while one of its steps is in
/// flight, when only the batcher does; the hand-over in both directions is a queue or mailbox, which orders the memory.
/// </summary>
public sealed class StateArena
{
    /// <summary>Rows per page: 4,096 rows of 2 × 64 floats make a 2 MB page.</summary>
    public const int RowsPerPage = 4096;

    private readonly Lock _gate = new();
    private readonly Stack<int> _free = new();
    private float[][] _pages = [];
    private int _rows;

    public StateArena(int hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        HiddenSize = hiddenSize;
        RowWidth = 2 * hiddenSize;
    }

    public int HiddenSize { get; }

    /// <summary>Floats per row: h then c.</summary>
    public int RowWidth { get; }

    /// <summary>Rows rented and not returned.</summary>
    public int Rented
    {
        get { lock (_gate) { return _rows - _free.Count; } }
    }

    /// <summary>Bytes of the pages allocated so far.</summary>
    public long Bytes
    {
        get { lock (_gate) { return (long)_pages.Length * RowsPerPage * RowWidth * sizeof(float); } }
    }

    /// <summary>A row of zeros (a session before its first event).</summary>
    public int Rent()
    {
        int slot;
        lock (_gate)
        {
            if (!_free.TryPop(out slot))
            {
                if (_rows == _pages.Length * RowsPerPage)
                {
                    // Copy-on-grow: readers holding the old array still see every page they can be asked about.
                    var pages = new float[_pages.Length + 1][];
                    Array.Copy(_pages, pages, _pages.Length);
                    pages[^1] = new float[RowsPerPage * RowWidth];
                    Volatile.Write(ref _pages, pages);
                }
                slot = _rows++;
            }
        }
        Row(slot).Clear();
        return slot;
    }

    /// <summary>Gives a row back; the caller must not touch it afterwards.</summary>
    public void Return(int slot)
    {
        lock (_gate)
        {
            _free.Push(slot);
        }
    }

    /// <summary>The whole row: h (the first <see cref="HiddenSize"/> floats), then c.</summary>
    public Span<float> Row(int slot) =>
        Volatile.Read(ref _pages)[slot / RowsPerPage].AsSpan(slot % RowsPerPage * RowWidth, RowWidth);

    public Span<float> H(int slot) => Row(slot)[..HiddenSize];

    public Span<float> C(int slot) => Row(slot)[HiddenSize..];
}
