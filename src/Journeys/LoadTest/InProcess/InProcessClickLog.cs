using System.Collections.Concurrent;

namespace Journeys.LoadTest.InProcess;

/// <summary>
/// The clicks topic of the engine-only load test: what the load generator appended, in append order, each click with
/// its partition (from its key, as Kafka's partitioner would choose one) and its offset in that partition. One writer
/// (the generator thread) and one reader (the in-process source); unbounded like a Kafka log, so a slow engine shows
/// as a growing backlog and latency, never as a slower generator.
/// </summary>
internal sealed class InProcessClickLog : IClickTarget
{
    private readonly ConcurrentQueue<LoggedClick> _queue = new();
    private readonly long[] _nextOffset;
    private long _appended;
    private long _taken;
    private int _wakeArmed;
    private Action? _onAppended;

    public InProcessClickLog(string topic, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Topic = topic;
        Partitions = partitions;
        _nextOffset = new long[partitions];
    }

    public string Topic { get; }

    public int Partitions { get; }

    public long Appended => Interlocked.Read(ref _appended);

    public long Accepted => Appended;

    /// <summary>Appended and not yet taken by the source: the engine's lag.</summary>
    public long Backlog => Interlocked.Read(ref _appended) - Interlocked.Read(ref _taken);

    /// <summary>The partition of a key: a stable hash (FNV-1a over the UTF-16 code units), so every run places sessions alike.</summary>
    public int PartitionOf(string key)
    {
        var hash = 2166136261u;
        foreach (var ch in key)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return (int)(hash % (uint)Partitions);
    }

    /// <summary>Appends a click (generator thread only); <paramref name="sentAt"/> is its scheduled send time (Stopwatch ticks).</summary>
    public void Append(string key, byte[] value, long sentAt)
    {
        var partition = PartitionOf(key);
        _queue.Enqueue(new LoggedClick(partition, _nextOffset[partition]++, key, value, sentAt));
        Interlocked.Increment(ref _appended);
    }

    /// <summary>Wakes a waiting reader once after a burst of appends (generator thread).</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _wakeArmed, 0) == 1)
        {
            _onAppended?.Invoke();
        }
    }

    public void OnAppended(Action onAppended) => _onAppended = onAppended;

    /// <summary>Asks for a wake-up at the next <see cref="Signal"/>; the reader re-checks afterwards to close the race.</summary>
    public void ArmWakeUp() => Volatile.Write(ref _wakeArmed, 1);

    public bool TryTake(out LoggedClick click)
    {
        if (_queue.TryDequeue(out click))
        {
            Interlocked.Increment(ref _taken);
            return true;
        }
        return false;
    }
}
