using System.Text;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Training;

namespace Journeys.CommandLine;

/// <summary>
/// A user's own clickstream as next-item sessions, the same way for <c>journeys train --train-file</c> and
/// <c>journeys evaluate --train-file … --test-file …</c>: every event that names a product, grouped by session, sessions
/// in order of their first event's time (so "the latest training sessions", which validate, are the latest in time),
/// clicks in stream order. Both commands name the split after the training file, so evaluate knows which sessions the
/// model held out.
/// </summary>
internal static class ItemSessionFiles
{
    public static List<string[]> Read(string path, DatasetFormat format) =>
        [.. TrainingSets.GroupSessions(DatasetReader.Read(path, format))
            .Select(s => (Start: s[0].Timestamp, Items: s.Where(e => e.ProductId is not null).Select(e => e.ProductId!).ToArray()))
            .Where(s => s.Items.Length > 0)
            .OrderBy(s => s.Start)
            .Select(s => s.Items)];

    /// <summary>The split's name: the training file's name, reduced to characters safe in a model version.</summary>
    public static string Name(string trainPath)
    {
        var name = new StringBuilder();
        foreach (var c in Path.GetFileName(trainPath)) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return name.ToString();
    }

    /// <summary>The split under session-rec's rules (<see cref="NextItemSplit.FromTestSessions"/>).</summary>
    public static NextItemSplit Split(string trainPath, string testPath, DatasetFormat format) =>
        NextItemSplit.FromTestSessions(Name(trainPath), Read(trainPath, format), Read(testPath, format),
            TrainingSets.Sha256OfFiles(trainPath, testPath));

    /// <summary>The training set of a training file: its sessions as bare item views over its items by frequency.</summary>
    public static TrainingSet TrainingSet(string trainPath, DatasetFormat format)
    {
        var sessions = Read(trainPath, format);
        return TrainingSets.FromItemSessions(Name(trainPath), sessions, NextItemSplit.ItemsByFrequency(sessions), TrainingSets.Sha256OfFiles(trainPath));
    }
}
