using System.Diagnostics.Tracing;
using HdrHistogram;

namespace Journeys.LoadTest;

/// <summary>
/// Every GC pause of this process, from the runtime's own events (the execution engine suspended → restarted), in a
/// histogram: the total alone says how much time the GC took, the longest pauses say what it did to p99 latency.
/// </summary>
internal sealed class GcPauseMeter : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    // GCSuspendEEBegin_V1 and GCRestartEEEnd_V1 of Microsoft-Windows-DotNETRuntime.
    private const int SuspendBegin = 9;
    private const int RestartEnd = 3;
    private readonly LongHistogram _micros = new(1, 60_000_000, 3);
    private readonly Lock _gate = new();
    private long _suspendedAt;
    private long _recordFrom = long.MaxValue;

    /// <summary>Pauses that begin before this timestamp (<see cref="DateTime.UtcNow"/> ticks) are not recorded: the warm-up.</summary>
    public void RecordFrom(DateTime utc) => Interlocked.Exchange(ref _recordFrom, utc.Ticks);

    /// <summary>Pause percentiles (ms) over what was recorded.</summary>
    public LatencySummary Pauses()
    {
        lock (_gate)
        {
            return LatencySummary.Of(_micros);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == SuspendBegin)
        {
            Interlocked.Exchange(ref _suspendedAt, eventData.TimeStamp.Ticks);
        }
        else if (eventData.EventId == RestartEnd)
        {
            var began = Interlocked.Exchange(ref _suspendedAt, 0);
            if (began == 0 || began < Interlocked.Read(ref _recordFrom))
            {
                return;
            }
            var micros = Math.Clamp((eventData.TimeStamp.Ticks - began) / 10, 1, 60_000_000);
            lock (_gate)
            {
                _micros.RecordValue(micros);
            }
        }
    }
}
