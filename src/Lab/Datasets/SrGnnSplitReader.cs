using System.Globalization;
using Journeys.Ingest.Files;

namespace Journeys.Lab.Datasets;

/// <summary>
/// Reads the SR-GNN split as converted to text in ../shared/data/diginetica-cikm16 (gzip or plain):
/// <c>srgnn_train_sessions.txt</c>, one session per line as space-separated item indices, and
/// <c>srgnn_test_prefix_target.tsv</c>, header <c>prefix\ttarget</c>, the prefix space-separated.
/// Nothing is filtered or re-indexed: the counts must equal the paper's (186,670 sessions, 60,858 test cases).
/// </summary>
public static class SrGnnSplitReader
{
    public const string TrainFileName = "srgnn_train_sessions.txt.gz";
    public const string TestFileName = "srgnn_test_prefix_target.tsv.gz";

    public static SrGnnSplit Read(string trainPath, string testPath)
    {
        InputFile.EnsureReadable(trainPath);
        InputFile.EnsureReadable(testPath);
        return new SrGnnSplit(ReadTrain(trainPath), ReadTest(testPath));
    }

    /// <summary>Both files from a folder holding them under their usual names.</summary>
    public static SrGnnSplit ReadFolder(string folder) =>
        Read(Path.Combine(folder, TrainFileName), Path.Combine(folder, TestFileName));

    public static List<int[]> ReadTrain(string path)
    {
        var sessions = new List<int[]>();
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (line.Length == 0) continue;
            sessions.Add(Items(path, lineNumber, line));
        }
        return sessions;
    }

    public static List<SrGnnTestCase> ReadTest(string path)
    {
        var cases = new List<SrGnnTestCase>();
        foreach (var (lineNumber, line) in DatasetFile.ReadLines(path))
        {
            if (line.Length == 0) continue;
            if (lineNumber == 1)
            {
                if (line != "prefix\ttarget") throw new InvalidDataException($"{path}:1: expected the header 'prefix<TAB>target', found '{line}'");
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0) throw new InvalidDataException($"{path}:{lineNumber}: expected 'prefix<TAB>target'");
            cases.Add(new SrGnnTestCase(Items(path, lineNumber, line[..tab]), Item(path, lineNumber, line.AsSpan(tab + 1))));
        }
        return cases;
    }

    private static int[] Items(string path, long lineNumber, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new InvalidDataException($"{path}:{lineNumber}: empty session");
        var items = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++) items[i] = Item(path, lineNumber, parts[i]);
        return items;
    }

    private static int Item(string path, long lineNumber, ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var item) && item > 0
            ? item
            : throw new InvalidDataException($"{path}:{lineNumber}: '{text}' is not a positive item index");
}
