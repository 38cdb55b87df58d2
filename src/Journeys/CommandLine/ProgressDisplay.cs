using Journeys.Lab.Replay;
using Spectre.Console;

namespace Journeys.CommandLine;

/// <summary>
/// Shows a running job's progress: a live bar on a terminal, a line every few seconds on stderr otherwise (CI, pipes),
/// so stdout stays clean for results.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(string label, ReplayProgressTracker tracker, Func<Task<T>> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(label, maxValue: tracker.Total ?? 1);
                    task.IsIndeterminate = tracker.Total is null;
                    var job = work();
                    while (!job.IsCompleted)
                    {
                        var p = tracker.Snapshot();
                        task.Value = p.Sent;
                        task.Description = $"{label} {p}";
                        await Task.WhenAny(job, Task.Delay(200));
                    }
                    task.Value = task.MaxValue;
                    return await job;
                });
        }

        var running = work();
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(2)));
            await Console.Error.WriteLineAsync($"{label}: {tracker.Snapshot()}");
        }
        return await running;
    }
}
