using System.Diagnostics;

namespace Journeys.LoadTest;

/// <summary>
/// CPU use of this process since the previous sample, as a percentage of all cores. With the engine in-process it
/// includes the load generator and probe (a few percent); for an external engine there is nothing to read (null).
/// </summary>
internal sealed class CpuMeter
{
    private readonly bool _enabled;
    private TimeSpan _lastCpu;
    private long _lastWall;

    public CpuMeter(bool enabled)
    {
        _enabled = enabled;
        _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _lastWall = Stopwatch.GetTimestamp();
    }

    public double? Sample()
    {
        if (!_enabled)
        {
            return null;
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var now = Stopwatch.GetTimestamp();
        var wall = Stopwatch.GetElapsedTime(_lastWall, now);
        var used = cpu - _lastCpu;
        _lastCpu = cpu;
        _lastWall = now;
        return wall <= TimeSpan.Zero ? 0 : 100.0 * used.TotalSeconds / (wall.TotalSeconds * Environment.ProcessorCount);
    }
}
