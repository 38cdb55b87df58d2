using System.Diagnostics;
using Journeys.Contracts.Diagnostics;

namespace Journeys.LoadTest;

/// <summary>
/// Readings of what the process spent — CPU (whole process and by thread name), bytes allocated, GC pause time, and
/// the engine's per-stage clocks (<see cref="StageClock"/>) — taken at the start and end of the measured window and
/// turned into costs per event by <see cref="CostBreakdown.Between"/>.
/// </summary>
internal sealed record CostReading(
    long Timestamp,
    TimeSpan ProcessCpu,
    long Allocated,
    TimeSpan GcPause,
    int Gen0,
    int Gen1,
    int Gen2,
    Dictionary<string, TimeSpan> Threads,
    TimeSpan[] Stages,
    long[] StageAllocated,
    long HarnessAllocated,
    TimeSpan EngineWorkOnHarnessThreads)
{
    /// <param name="harnessAllocated">Bytes the load generator and probe threads allocated so far (subtracted from the engine's).</param>
    /// <param name="engineWorkOnHarnessThreads">Engine code the harness threads ran (the in-process sink's delivery
    /// callbacks), which belongs to the engine's cost, not the harness's.</param>
    public static CostReading Take(long harnessAllocated, TimeSpan engineWorkOnHarnessThreads)
    {
        using var self = Process.GetCurrentProcess();
        return new CostReading(Stopwatch.GetTimestamp(), self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false),
            GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), ThreadCpu.Read(),
            StageClock.Totals(), StageClock.AllocatedTotals(), harnessAllocated, engineWorkOnHarnessThreads);
    }
}
