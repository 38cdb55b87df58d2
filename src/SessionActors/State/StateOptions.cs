using System.ComponentModel.DataAnnotations;

namespace Journeys.SessionActors.State;

/// <summary>Where session state lives (configuration section <c>State</c>).</summary>
public sealed class StateOptions
{
    public const string SectionName = "State";

    /// <summary>
    /// <c>host:port</c> of a Garnet (or Redis) server; empty starts an embedded Garnet in this process, which keeps its
    /// data in <see cref="DataDirectory"/> (or only in memory when <see cref="Durability"/> is <c>none</c>).
    /// </summary>
    [RegularExpression(@"^$|^[^\s:]+:\d{1,5}$", ErrorMessage = "State:Garnet must be host:port (e.g. garnet:6379) or empty for the embedded Garnet.")]
    public string Garnet { get; set; } = string.Empty;

    /// <summary>Password of the Garnet server (AUTH), if it has one.</summary>
    public string? Password { get; set; }

    /// <summary>Prefix of every key Journeys writes (see docs/configuration.md, "Session state in Garnet").</summary>
    [RegularExpression(@"^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "State:KeyPrefix must be 1-64 letters, digits, '_', '.' or '-'.")]
    public string KeyPrefix { get; set; } = "journeys";

    /// <summary>
    /// How long snapshots collect before one pipelined write: a session with several events in that time is written
    /// once. Offsets are committed only after their sessions' snapshots are written, so this adds to commit lag, not
    /// to decision latency.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "State:FlushInterval must be between 1 ms and 10 s.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The embedded Garnet's durability: <c>aof</c> (default) writes every change to an append-only file and takes
    /// checkpoints in <see cref="DataDirectory"/>, and recovers from them on start, so a killed engine continues every
    /// session; <c>none</c> keeps state in memory only, and a restart forgets every session. Ignored when
    /// <see cref="Garnet"/> names a server (its own configuration decides).
    /// </summary>
    [RegularExpression("^(aof|none)$", ErrorMessage = "State:Durability must be aof (state survives a restart) or none (memory only).")]
    public string Durability { get; set; } = StateDurability.Aof;

    /// <summary>
    /// Where the embedded Garnet keeps its append-only file, log and checkpoints; relative paths are under the working
    /// directory. Created on first start. One engine per directory (a second one is refused).
    /// </summary>
    public string DataDirectory { get; set; } = "journeys-data";

    /// <summary>
    /// When the append-only file reaches the disk: <c>always</c> (default) — Garnet answers a snapshot write only
    /// after it is flushed, and offsets are committed only after that answer, so nothing acknowledged is lost;
    /// <c>interval</c> — flushed every <see cref="FsyncInterval"/>, answered before, so a crash can lose that
    /// interval's snapshot writes (their events are then applied again from Kafka only if their offsets were not yet
    /// committed).
    /// </summary>
    [RegularExpression("^(always|interval)$", ErrorMessage = "State:Fsync must be always or interval.")]
    public string Fsync { get; set; } = StateDurability.FsyncAlways;

    /// <summary>With <c>State:Fsync=interval</c>: how often the append-only file is flushed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "State:FsyncInterval must be between 1 ms and 1 minute.")]
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the embedded Garnet takes a checkpoint, which truncates the append-only file (recovery replays only
    /// what follows the latest checkpoint) and lets compacted log segments be deleted. A checkpoint is also taken on a
    /// clean stop.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "State:CheckpointInterval must be between 5 s and 1 day.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Memory for the durable embedded Garnet's log (bytes, or with a k/m/g suffix); older records spill to the data
    /// directory and are compacted there, so memory stays bounded however long the engine runs.
    /// </summary>
    [RegularExpression(@"^\d+[kmgKMG]?$", ErrorMessage = "State:LogMemory must be a size such as 512m or 2g.")]
    public string LogMemory { get; set; } = "1g";
}
