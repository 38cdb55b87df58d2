using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// CPU time this process has used (user + system), in microseconds. On a machine shared with other work, wall time of
/// a search stretches with the load — and more for long calls, which outlast a scheduler slice — while CPU time measures
/// the work itself; it counts every thread of the process, so an in-process Garnet's share of a VSIM is included.
/// Linux: getrusage (µs resolution); elsewhere the runtime's process time.
/// </summary>
internal static class CpuClock
{
    private const int RusageSelf = 0;

    public static double Microseconds()
    {
        if (OperatingSystem.IsLinux() && GetResourceUsage(RusageSelf, out var usage) == 0)
        {
            return ((usage.UserSeconds + usage.SystemSeconds) * 1e6) + usage.UserMicroseconds + usage.SystemMicroseconds;
        }
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMicroseconds;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs this class does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}
