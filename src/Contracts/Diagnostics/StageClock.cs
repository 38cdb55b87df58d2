using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Journeys.Contracts.Diagnostics;

/// <summary>
/// CPU time spent in each <see cref="EngineStage"/>, for the load test's breakdown. A section is timed with the
/// running thread's own CPU clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so time the thread spends preempted or
/// suspended by the GC is not charged to the stage — under load on two cores that wall time was many times the CPU
/// time. Reading that clock is a system call, so only one section in <see cref="SampleEvery"/> per thread is timed and
/// counted that many times over: an unbiased estimate at a small fraction of the cost. Each thread adds into its own
/// counters (no shared cache line is written on the hot path); <see cref="Totals"/> sums them. Where the thread clock is
/// unavailable, wall time is used.
/// </summary>
public static partial class StageClock
{
    /// <summary>One timed section in this many, per thread.</summary>
    public const int SampleEvery = 8;

    private const int ClockThreadCpuTime = 3;
    private static readonly int StageCount = Enum.GetValues<EngineStage>().Length;
    private static readonly List<long[]> AllThreads = [];
    private static readonly Lock Gate = new();
    private static readonly bool HasThreadClock = OperatingSystem.IsLinux() && TryThreadNanos(out _);

    [ThreadStatic]
    private static long[]? t_nanos;

    [ThreadStatic]
    private static int t_calls;

    /// <summary>A token for <see cref="Stop"/>, <see cref="Lap"/> or <see cref="StopNested"/>; 0 when this section is not sampled.</summary>
    public static long Start() => ++t_calls % SampleEvery == 0 ? Now() : 0;

    /// <summary>
    /// A token for a section nested in the one <paramref name="outer"/> began: sampled exactly when the outer section is,
    /// so that <see cref="StopNested"/> moves time between two stages consistently.
    /// </summary>
    public static long StartWithin(long outer) => outer != 0 ? Now() : 0;

    /// <summary>Adds the section begun at <paramref name="started"/> to <paramref name="stage"/>; returns the (estimated) nanoseconds added.</summary>
    public static long Stop(EngineStage stage, long started)
    {
        if (started == 0)
        {
            return 0;
        }
        var nanos = (Now() - started) * SampleEvery;
        Local()[(int)stage] += nanos;
        return nanos;
    }

    /// <summary>Ends one section and begins the next (sampled alike): returns the next section's token.</summary>
    public static long Lap(EngineStage stage, long started)
    {
        if (started == 0)
        {
            return 0;
        }
        var now = Now();
        Local()[(int)stage] += (now - started) * SampleEvery;
        return now;
    }

    /// <summary>
    /// Ends a section nested inside a timed section of another stage: its time goes to <paramref name="inner"/> and is
    /// taken off <paramref name="outer"/>, whose own clock will count it when the outer section stops. The token must
    /// come from <see cref="StartWithin"/>.
    /// </summary>
    public static void StopNested(EngineStage inner, EngineStage outer, long started)
    {
        if (started == 0)
        {
            return;
        }
        var nanos = (Now() - started) * SampleEvery;
        var local = Local();
        local[(int)inner] += nanos;
        local[(int)outer] -= nanos;
    }

    /// <summary>Adds CPU time measured elsewhere (whole, not sampled) to <paramref name="stage"/>.</summary>
    public static void Add(EngineStage stage, TimeSpan time) => Local()[(int)stage] += (long)(time.Ticks * 100);

    /// <summary>Time per stage since the process started, indexed by <see cref="EngineStage"/>.</summary>
    public static TimeSpan[] Totals()
    {
        var sums = new long[StageCount];
        lock (Gate)
        {
            foreach (var nanos in AllThreads)
            {
                for (var i = 0; i < sums.Length; i++)
                {
                    // Aligned longs read whole on 64-bit; a value a few ns stale is fine.
                    sums[i] += Volatile.Read(ref nanos[i]);
                }
            }
        }
        return [.. sums.Select(n => TimeSpan.FromTicks(n / 100))];
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

    private static long[] Local()
    {
        var nanos = t_nanos;
        if (nanos is not null)
        {
            return nanos;
        }
        nanos = new long[StageCount];
        lock (Gate)
        {
            AllThreads.Add(nanos);
        }
        t_nanos = nanos;
        return nanos;
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
