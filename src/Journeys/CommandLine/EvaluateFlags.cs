using System.CommandLine;

namespace Journeys.CommandLine;

/// <summary>
/// The flags every <c>journeys evaluate</c> task shares. Each task (one file each, <c>Evaluate…Task</c>) adds its own
/// options to the command and reads these through this record.
/// </summary>
internal sealed record EvaluateFlags(
    Option<string> Task,
    Option<FileInfo?> Model,
    Option<string?> Dataset,
    Option<DirectoryInfo> Data,
    Option<bool> Json,
    Option<DirectoryInfo?> Out,
    Option<int?> Threads,
    Option<int> Seed);
