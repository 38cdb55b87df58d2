using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Journeys.Contracts.Diagnostics;

/// <summary>
/// CPU time spent in each <see cref="EngineStage"/>, for the load test's breakdown. A section is timed with the
/// running thread's own CPU clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so time the thread spends preempted or
/// suspended by the GC is not charged to the stage — under load on two cores that wall time was many times the CPU
/// time. Reading that clock is a system call, so only one section in <see cref="SampleEvery"/> per thread is timed and
/// counted that many times over: an unbiased estimate at a small fraction of the cost. Bytes allocated are counted
/// for every section (the thread's allocation counter is a cheap read). Each thread adds into its own counters (no
/// shared cache line is written on the hot path); <see cref="Totals"/> and <see cref="AllocatedTotals"/> sum them.
/// Where the thread clock is unavailable, wall time is used.
/// </summary>
public static partial class StageClock
{
    /// <summary>One timed section in this many, per thread.</summary>
    public const int SampleEvery = 8;

    private const int ClockThreadCpuTime = 3;
    private static readonly int StageCount = Enum.GetValues<EngineStage>().Length;
    private static readonly List<(long[] Nanos, long[] Bytes)> AllThreads = [];
    private static readonly Lock Gate = new();
    private static readonly bool HasThreadClock = OperatingSystem.IsLinux() && TryThreadNanos(out _);

    [ThreadStatic]
    private static long[]? t_nanos;

    [ThreadStatic]
    private static long[]? t_bytes;

    [ThreadStatic]
    private static int t_calls;

    /// <summary>A token for <see cref="Stop"/>, <see cref="Lap"/> or <see cref="StopNested"/>.</summary>
    public static StageTimer Start() =>
        new(++t_calls % SampleEvery == 0 ? Now() : 0, GC.GetAllocatedBytesForCurrentThread());

    /// <summary>
    /// A token for a section nested in the one <paramref name="outer"/> began: sampled exactly when the outer section is,
    /// so that <see cref="StopNested"/> moves time between two stages consistently.
    /// </summary>
    public static StageTimer StartWithin(StageTimer outer) =>
        new(outer.Nanos != 0 ? Now() : 0, GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Adds the section begun at <paramref name="started"/> to <paramref name="stage"/>; returns the (estimated) nanoseconds added.</summary>
    public static long Stop(EngineStage stage, StageTimer started)
    {
        Bytes()[(int)stage] += GC.GetAllocatedBytesForCurrentThread() - started.Allocated;
        if (started.Nanos == 0)
        {
            return 0;
        }
        var nanos = (Now() - started.Nanos) * SampleEvery;
        Local()[(int)stage] += nanos;
        return nanos;
    }

    /// <summary>Ends one section and begins the next (sampled alike): returns the next section's token.</summary>
    public static StageTimer Lap(EngineStage stage, StageTimer started)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Bytes()[(int)stage] += allocated - started.Allocated;
        if (started.Nanos == 0)
        {
            return new StageTimer(0, allocated);
        }
        var now = Now();
        Local()[(int)stage] += (now - started.Nanos) * SampleEvery;
        return new StageTimer(now, allocated);
    }

    /// <summary>
    /// Ends a section nested inside a timed section of another stage: its time goes to <paramref name="inner"/> and is
    /// taken off <paramref name="outer"/>, whose own clock will count it when the outer section stops. The token must
    /// come from <see cref="StartWithin"/>.
    /// </summary>
    public static void StopNested(EngineStage inner, EngineStage outer, StageTimer started)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread() - started.Allocated;
        var allocated = Bytes();
        allocated[(int)inner] += bytes;
        allocated[(int)outer] -= bytes;
        if (started.Nanos == 0)
        {
            return;
        }
        var nanos = (Now() - started.Nanos) * SampleEvery;
        var local = Local();
        local[(int)inner] += nanos;
        local[(int)outer] -= nanos;
    }

    /// <summary>Adds CPU time measured elsewhere (whole, not sampled) to <paramref name="stage"/>.</summary>
    public static void Add(EngineStage stage, TimeSpan time) => Local()[(int)stage] += (long)(time.Ticks * 100);

    /// <summary>Time per stage since the process started, indexed by <see cref="EngineStage"/>.</summary>
    public static TimeSpan[] Totals() => [.. Sum(static t => t.Nanos).Select(n => TimeSpan.FromTicks(n / 100))];

    /// <summary>Bytes allocated per stage since the process started, indexed by <see cref="EngineStage"/>.</summary>
    public static long[] AllocatedTotals() => Sum(static t => t.Bytes);

    private static long[] Sum(Func<(long[] Nanos, long[] Bytes), long[]> pick)
    {
        var sums = new long[StageCount];
        lock (Gate)
        {
            foreach (var thread in AllThreads)
            {
                var values = pick(thread);
                for (var i = 0; i < sums.Length; i++)
                {
                    // Aligned longs read whole on 64-bit; a value a few ns stale is fine.
                    sums[i] += Volatile.Read(ref values[i]);
                }
            }
        }
        return sums;
    }

    private static long Now() =>
        HasThreadClock && TryThreadNanos(out var nanos)
            ? nanos
            : (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    private static bool TryThreadNanos(out long nanos)
    {
        if (ClockGetTime(ClockThreadCpuTime, out var t) == 0)
        {
            nanos = (t.Seconds * 1_000_000_000) + t.Nanoseconds;
            return true;
        }
        nanos = 0;
        return false;
    }

    private static long[] Local() => t_nanos ?? Register().Nanos;

    private static long[] Bytes() => t_bytes ?? Register().Bytes;

    private static (long[] Nanos, long[] Bytes) Register()
    {
        var counters = (new long[StageCount], new long[StageCount]);
        lock (Gate)
        {
            AllThreads.Add(counters);
        }
        (t_nanos, t_bytes) = counters;
        return counters;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
