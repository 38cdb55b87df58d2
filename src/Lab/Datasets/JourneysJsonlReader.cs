using System.Text;
using Journeys.Contracts.Events;

namespace Journeys.Lab.Datasets;

/// <summary>
/// Reads our own wire format, one JSON <see cref="ClickEvent"/> per line, through <see cref="ClickEventCodec"/> so a
/// file is accepted exactly when Kafka would accept its lines. Event ids are the file's own.
/// Policy: an invalid line stops the read with its line number and the codec's reason. A journeys file is written by
/// us (or a collector under test), so a bad line is a bug to fix, not noise to skip; silently replaying a subset would
/// make replays disagree with the file. Blank lines are skipped.
/// </summary>
internal static class JourneysJsonlReader
{
    public static IEnumerable<ClickEvent> Read(string path)
    {
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var result = ClickEventCodec.Decode(Encoding.UTF8.GetBytes(line));
            if (result.Event is null)
            {
                throw DatasetFile.Error(path, lineNumber, $"invalid click event ({result.Reason}): {result.Detail}");
            }
            yield return result.Event;
        }
    }
}
