using System.Globalization;

namespace Journeys.SessionActors.State;

/// <summary>
/// Where and how the embedded Garnet keeps its data on disk (<c>State:Durability=aof</c>): an append-only file,
/// checkpoints and the spilled part of its log, all under <see cref="Directory"/>.
/// </summary>
/// <param name="Directory">The data directory (absolute).</param>
/// <param name="FlushEachWrite">Answer a write only once the append-only file holds it on disk (<c>State:Fsync=always</c>).</param>
/// <param name="FlushInterval">Otherwise, how often the append-only file is flushed.</param>
/// <param name="CheckpointInterval">How often a checkpoint truncates the append-only file.</param>
/// <param name="LogMemory">Memory for the log (Garnet size syntax, e.g. 1g); older records spill to the directory.</param>
public sealed record EmbeddedGarnetStorage(string Directory, bool FlushEachWrite, TimeSpan FlushInterval, TimeSpan CheckpointInterval,
    string LogMemory)
{
    /// <summary>How often Garnet compacts its on-disk log (moves live records to the tail, drops dead ones).</summary>
    public static readonly TimeSpan CompactionInterval = TimeSpan.FromSeconds(60);

    /// <summary>Garnet's command-line arguments for this storage.</summary>
    public IEnumerable<string> GarnetArguments()
    {
        static string Seconds(TimeSpan t) => Math.Max(1, (int)Math.Round(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        yield return "--aof";
        yield return "--recover";
        // A store that cannot be recovered stops start-up instead of starting empty: silently forgetting every session
        // is the failure this directory exists to prevent.
        yield return "--fail-on-recovery-error";
        yield return "--checkpointdir";
        yield return Path.Combine(Directory, "checkpoints");
        yield return "--logdir";
        yield return Path.Combine(Directory, "log");
        // Without a storage tier Garnet's log lives in memory and grows with every write until its memory limit, then
        // drops its oldest pages; with it, old pages go to disk and compaction keeps the live records.
        yield return "--storage-tier";
        // .NET's own file I/O: Garnet's native device needs a libaio that Debian 12 names differently.
        yield return "--device-type";
        yield return "RandomAccess";
        yield return "--memory";
        yield return LogMemory;
        yield return "--segment";
        yield return "256m";
        yield return "--compaction-type";
        yield return "Lookup";
        yield return "--compaction-freq";
        yield return Seconds(CompactionInterval);
        yield return "--compaction-max-segments";
        yield return "8";
        yield return "--checkpoint-freq";
        yield return Seconds(CheckpointInterval);
        yield return "--aof-commit-freq";
        if (FlushEachWrite)
        {
            yield return "0";
            yield return "--aof-commit-wait";
        }
        else
        {
            yield return Math.Max(1, (int)Math.Round(FlushInterval.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
