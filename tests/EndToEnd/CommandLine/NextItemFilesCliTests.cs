using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary>
/// A user's own clickstream through <c>journeys train --train-file</c> and <c>journeys evaluate --train-file --test-file</c>:
/// the interface outside scripts read (the JSON's served, model and baselines sections with the list metrics).
/// </summary>
public sealed class NextItemFilesCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journeys-next-item-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Train_and_evaluate_on_a_users_files_report_served_model_and_baselines_with_list_metrics()
    {
        var random = new Random(7);
        var train = Write("train.tsv", 0, 400, random);
        var test = Write("test.tsv", 400, 80, random);
        var model = Path.Combine(_folder, "m.jrnm");

        var trained = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "train", "--train-file", train, "--format", "yoochoose",
            "--out", model, "--epochs", "2", "--hidden", "16", "--embedding", "8", "--item-embedding", "8", "--threads", "1",
            "--negatives", "16", "--logq", "true");
        var evaluated = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "evaluate", "--task", "next-item", "--train-file", train,
            "--test-file", test, "--format", "yoochoose", "--model", model, "--json", "--threads", "1");

        Assert.True(trained.Code == 0, $"train exit {trained.Code}; stderr: {trained.Err}");
        Assert.True(evaluated.Code == 0, $"evaluate exit {evaluated.Code}; stderr: {evaluated.Err}");
        Assert.DoesNotContain("warning: the model was trained on", evaluated.Err, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(evaluated.Out.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal("train.tsv", root.GetProperty("dataset").GetString());
        Assert.True(root.GetProperty("testCases").GetInt32() > 0);
        foreach (var ranker in new[] { root.GetProperty("served"), root.GetProperty("model"), root.GetProperty("baselines").GetProperty("vsknn") })
        {
            Assert.InRange(ranker.GetProperty("hr@20").GetDouble(), 0, 1);
            Assert.InRange(ranker.GetProperty("mrr@20").GetDouble(), 0, ranker.GetProperty("hr@20").GetDouble());
            Assert.InRange(ranker.GetProperty("coverage@20").GetDouble(), 1e-9, 1);
            Assert.InRange(ranker.GetProperty("mostCommonFirstShare").GetDouble(), 1e-9, 1);
            Assert.InRange(ranker.GetProperty("popularityPercentile").GetDouble(), 0, 100);
        }
        foreach (var name in new[] { "pop", "spop", "itemknn", "sknn", "vsknn" }) Assert.True(root.GetProperty("baselines").TryGetProperty(name, out _), name);
        // POP leads every case with the same item.
        Assert.Equal(1, root.GetProperty("baselines").GetProperty("pop").GetProperty("mostCommonFirstShare").GetDouble(), 9);
    }

    [Theory]
    [InlineData("--train-file", "go together")]
    [InlineData("--format", "need --format")]
    public async Task Evaluate_refuses_half_a_file_split(string omitted, string message)
    {
        var random = new Random(3);
        var train = Write("a.tsv", 0, 5, random);
        var args = new List<string> { "evaluate", "--model", train, "--train-file", train, "--test-file", train, "--format", "yoochoose" };
        var at = args.IndexOf(omitted);
        args.RemoveRange(at, 2);

        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), [.. args]);

        Assert.NotEqual(0, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Sessions in session-rec's TSV layout, walking a seeded chain over 60 items (each item mostly leads to the next one),
    /// so there is something to learn; session ids and times increase.
    /// </summary>
    private string Write(string name, int firstSession, int sessions, Random random)
    {
        var text = new StringBuilder("SessionId\tItemId\tTime\n");
        for (var s = firstSession; s < firstSession + sessions; s++)
        {
            var item = random.Next(60);
            var length = random.Next(2, 7);
            for (var t = 0; t < length; t++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{s + 1}\t{1000 + item}\t{1_400_000_000 + (s * 600) + (t * 30)}.5\n");
                item = random.NextDouble() < 0.8 ? (item + 1) % 60 : random.Next(60);
            }
        }
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
