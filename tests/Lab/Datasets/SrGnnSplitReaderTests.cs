using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class SrGnnSplitReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-srgnn-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SharedDataFact("diginetica-cikm16/srgnn_train_sessions.txt.gz")]
    public void The_shared_split_has_the_papers_counts()
    {
        var split = SrGnnSplitReader.ReadFolder(SharedData.PathOf("diginetica-cikm16"));

        Assert.Equal(186_670, split.TrainSessions.Count);
        Assert.Equal(906_140, split.TrainSessions.Sum(s => (long)s.Length));
        Assert.Equal(719_470, split.TrainSessions.Sum(s => (long)s.Length - 1));
        Assert.Equal(60_858, split.TestCases.Count);
        Assert.Equal(43_097, split.MaxItem);
    }

    [Fact]
    public void Reads_sessions_and_prefix_target_cases()
    {
        var train = Path.Combine(_directory, "train.txt");
        var test = Path.Combine(_directory, "test.tsv");
        File.WriteAllText(train, "1 2 3\n4 5\n");
        File.WriteAllText(test, "prefix\ttarget\n1 2\t3\n7\t1\n");

        var split = SrGnnSplitReader.Read(train, test);

        Assert.Equal([[1, 2, 3], [4, 5]], split.TrainSessions);
        Assert.Equal([1, 2], split.TestCases[0].Prefix);
        Assert.Equal(3, split.TestCases[0].Target);
        Assert.Equal(7, split.MaxItem);
    }

    [Fact]
    public void A_bad_item_names_the_file_and_line()
    {
        var train = Path.Combine(_directory, "train.txt");
        File.WriteAllText(train, "1 2\n3 x\n");

        var error = Assert.Throws<InvalidDataException>(() => SrGnnSplitReader.ReadTrain(train));
        Assert.Contains("train.txt:2", error.Message, StringComparison.Ordinal);
    }
}
