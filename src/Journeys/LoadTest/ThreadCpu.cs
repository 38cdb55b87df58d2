using System.Globalization;

namespace Journeys.LoadTest;

/// <summary>
/// CPU time of this process's threads by name, from Linux's <c>/proc/self/task/*/schedstat</c> (nanoseconds on CPU)
/// and <c>comm</c> (the name, cut to 15 characters). Threads that ended are gone from the reading; the load test
/// only compares readings of threads that live through the run. Elsewhere than Linux the reading is empty.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>CPU time by thread name (threads of one name summed).</summary>
    public static Dictionary<string, TimeSpan> Read()
    {
        var byName = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return byName;
        }
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                var stat = File.ReadAllText(Path.Combine(task, "schedstat"));
                var space = stat.IndexOf(' ', StringComparison.Ordinal);
                var nanos = long.Parse(space < 0 ? stat : stat[..space], NumberStyles.Integer, CultureInfo.InvariantCulture);
                byName[name] = byName.GetValueOrDefault(name) + TimeSpan.FromTicks(nanos / 100);
            }
            catch (IOException)
            {
                // The thread ended while it was being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise (its directory went away between listing and reading).
            }
        }
        return byName;
    }

    /// <summary>Per-name CPU used between two readings (names absent from the first count from zero).</summary>
    public static Dictionary<string, TimeSpan> Between(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after)
    {
        var used = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (name, cpu) in after)
        {
            var delta = cpu - before.GetValueOrDefault(name);
            if (delta > TimeSpan.Zero)
            {
                used[name] = delta;
            }
        }
        return used;
    }
}
