namespace Journeys.Lab.Replay;

/// <summary>
/// Counts sent events against a clock. <see cref="Record"/> may be called from producer delivery callbacks on any
/// thread while the CLI calls <see cref="Snapshot"/> from its render loop.
/// </summary>
public sealed class ReplayProgressTracker
{
    private readonly TimeProvider _clock;
    private readonly long _start;
    private long _sent;

    public ReplayProgressTracker(TimeProvider clock, long? total = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (total < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "the total must not be negative");
        }
        _clock = clock;
        Total = total;
        _start = clock.GetTimestamp();
    }

    public long? Total { get; }

    public void Record(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref _sent, count);
    }

    public ReplayProgress Snapshot()
    {
        var sent = Interlocked.Read(ref _sent);
        var elapsed = _clock.GetElapsedTime(_start);
        var rate = elapsed > TimeSpan.Zero ? sent / elapsed.TotalSeconds : 0;
        TimeSpan? eta = Total is { } t && rate > 0
            ? TimeSpan.FromSeconds(Math.Max(0, t - sent) / rate)
            : null;
        return new ReplayProgress(sent, Total, elapsed, rate, eta);
    }
}
