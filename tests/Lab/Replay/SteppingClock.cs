namespace Journeys.Lab.Tests.Replay;

/// <summary>
/// A virtual clock for pacing tests: a timer created on it moves time forward by its due time and fires at once, so
/// waits complete instantly and deterministically while the clock records how long they would have taken.
/// <see cref="Advance"/> simulates time spent elsewhere (e.g. a slow send).
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private long _ticks;

    public int TimersCreated { get; private set; }

    public TimeSpan Now => TimeSpan.FromTicks(_ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + Now;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        Advance(dueTime);
        callback(state);
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
