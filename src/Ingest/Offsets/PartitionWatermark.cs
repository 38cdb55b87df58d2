namespace Journeys.Ingest.Offsets;

/// <summary>
/// The offset watermark of one partition: offsets are registered in consumption order (the consumer thread),
/// completions arrive in any order (producer delivery threads), and the committable offset is the smallest
/// registered offset not yet completed — every offset below it has been fully handled.
/// </summary>
/// <remarks>
/// Registrations are kept in a ring of (offset, done) slots addressed by a monotonically increasing sequence number,
/// so a completion finds its slot in O(1) even when offsets have gaps (compaction, transaction markers) and the head
/// advances over finished slots in amortized O(1). One short lock per partition: contention is bounded by one
/// partition's traffic, and every critical section is a handful of array operations.
/// Each (re)assignment starts a new epoch; completions carrying an older epoch are ignored, so a late
/// acknowledgement from an earlier assignment never moves the watermark of the current one.
/// </remarks>
public sealed class PartitionWatermark
{
    private const int InitialCapacity = 64;

    private readonly Lock _gate = new();
    private long[] _offsets = new long[InitialCapacity];
    private bool[] _done = new bool[InitialCapacity];
    private int _head;
    private int _count;
    private long _headSequence;
    private long _lastRegistered = -1;
    private int _epoch;
    private bool _accepting;
    private int _emittedInFlight;
    private int _doneInWindow;

    public PartitionWatermark(string topic, int partition)
    {
        Topic = topic;
        Partition = partition;
    }

    public string Topic { get; }

    public int Partition { get; }

    public int Epoch
    {
        get { lock (_gate) { return _epoch; } }
    }

    /// <summary>Registered and not yet completed, in the current epoch (buffered and emitted records alike).</summary>
    public int InFlight
    {
        get { lock (_gate) { return _count - _doneInWindow; } }
    }

    /// <summary>Handed downstream and not yet completed; what a revocation waits for.</summary>
    public int EmittedInFlight
    {
        get { lock (_gate) { return _emittedInFlight; } }
    }

    /// <summary>
    /// The next offset to read once everything completed so far is committed; null while nothing was registered in
    /// this epoch (there is nothing this assignment may commit yet).
    /// </summary>
    public long? Committable
    {
        get
        {
            lock (_gate)
            {
                if (_count > 0)
                {
                    return _offsets[_head];
                }
                return _lastRegistered >= 0 ? _lastRegistered + 1 : null;
            }
        }
    }

    /// <summary>Starts a new assignment epoch: forgets every registration and accepts new ones.</summary>
    public int BeginEpoch()
    {
        lock (_gate)
        {
            ResetUnsafe();
            _accepting = true;
            return _epoch;
        }
    }

    /// <summary>
    /// Stops handing out records of this epoch (revocation): records not yet emitted are dropped, and their offsets
    /// stay incomplete so the watermark stops before them. Completions of emitted records still count.
    /// </summary>
    public void StopAccepting()
    {
        lock (_gate)
        {
            _accepting = false;
        }
    }

    /// <summary>Ends the epoch (revoked or lost): later completions from it are ignored.</summary>
    public void EndEpoch()
    {
        lock (_gate)
        {
            ResetUnsafe();
            _accepting = false;
        }
    }

    /// <summary>Registers the next consumed offset; returns its sequence number, the completion handle.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is not above the last registered one.</exception>
    public long Register(long offset)
    {
        lock (_gate)
        {
            if (offset <= _lastRegistered)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset,
                    $"offsets must be registered in increasing order; the last one of {Topic}[{Partition}] was {_lastRegistered}");
            }
            if (_count == _offsets.Length)
            {
                GrowUnsafe();
            }
            var slot = (_head + _count) % _offsets.Length;
            _offsets[slot] = offset;
            _done[slot] = false;
            _count++;
            _lastRegistered = offset;
            return _headSequence + _count - 1;
        }
    }

    /// <summary>
    /// Marks a record as handed downstream, unless its epoch is over or the partition is being revoked; a record
    /// refused here must be dropped, not emitted.
    /// </summary>
    public bool TryMarkEmitted(int epoch)
    {
        lock (_gate)
        {
            if (!_accepting || epoch != _epoch)
            {
                return false;
            }
            _emittedInFlight++;
            return true;
        }
    }

    /// <summary>
    /// Completes a registered record. Returns false (and changes nothing) for a stale epoch, an unknown sequence or a
    /// record completed before, so callers may complete at least once.
    /// </summary>
    public bool Complete(int epoch, long sequence, bool wasEmitted = false)
    {
        lock (_gate)
        {
            if (epoch != _epoch)
            {
                return false;
            }
            var index = sequence - _headSequence;
            if (index < 0 || index >= _count)
            {
                return false;
            }
            var slot = (int)((_head + index) % _offsets.Length);
            if (_done[slot])
            {
                return false;
            }
            _done[slot] = true;
            _doneInWindow++;
            if (wasEmitted && _emittedInFlight > 0)
            {
                _emittedInFlight--;
            }
            // The head only moves over a finished prefix: the watermark never passes an incomplete offset.
            while (_count > 0 && _done[_head])
            {
                _head = (_head + 1) % _offsets.Length;
                _count--;
                _doneInWindow--;
                _headSequence++;
            }
            return true;
        }
    }

    private void ResetUnsafe()
    {
        _epoch++;
        _headSequence += _count;
        _head = 0;
        _count = 0;
        _doneInWindow = 0;
        _lastRegistered = -1;
        _emittedInFlight = 0;
    }

    private void GrowUnsafe()
    {
        var offsets = new long[_offsets.Length * 2];
        var done = new bool[_done.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            var slot = (_head + i) % _offsets.Length;
            offsets[i] = _offsets[slot];
            done[i] = _done[slot];
        }
        _offsets = offsets;
        _done = done;
        _head = 0;
    }
}
