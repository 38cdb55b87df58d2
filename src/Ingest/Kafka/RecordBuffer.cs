using System.Collections.Concurrent;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// Hand-off from the consumer thread to the stage. The stage arms a wake-up when it finds the buffer empty; the
/// consumer thread fires it at most once per arming, so an idle stream costs one callback, not one per record.
/// </summary>
internal sealed class RecordBuffer
{
    private readonly ConcurrentQueue<ConsumedRecord> _queue = new();
    private int _count;
    private int _wakeArmed;
    private Action? _onAvailable;

    public int Count => Volatile.Read(ref _count);

    public void OnAvailable(Action onAvailable) => _onAvailable = onAvailable;

    public void Add(ConsumedRecord record)
    {
        _queue.Enqueue(record);
        Interlocked.Increment(ref _count);
        if (Interlocked.Exchange(ref _wakeArmed, 0) == 1)
        {
            _onAvailable?.Invoke();
        }
    }

    public bool TryTake(out ConsumedRecord record)
    {
        if (_queue.TryDequeue(out record!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }

    /// <summary>Asks for a wake-up on the next <see cref="Add"/>; callers re-check the buffer afterwards to close the race.</summary>
    public void ArmWakeUp() => Volatile.Write(ref _wakeArmed, 1);
}
