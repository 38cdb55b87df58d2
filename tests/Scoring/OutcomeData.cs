using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.Scoring.Tests;

/// <summary>
/// Real sessions for the outcome evaluation: the bundled REES46 sample (<see cref="Repository.DemoSample"/>) and, when
/// present, the DIGINETICA journeys of the shared datasets (<see cref="SharedData"/>). Linked into tests/Lab and
/// benchmarks/, so the benchmarks read the very sessions the tests do.
/// </summary>
internal static class OutcomeData
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyList<ClickEvent>>> Rees46Sessions = new(() =>
        OutcomeEvaluation.GroupBySession(DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46)));

    /// <summary>The first 17,434 events of REES46 2019-Oct, 5,066 sessions; read once per test run.</summary>
    public static IReadOnlyList<IReadOnlyList<ClickEvent>> Rees46 => Rees46Sessions.Value;

    /// <summary>The SR-GNN split's Diginetica training sessions (item indices); fails naming the file when the shared copy is absent.</summary>
    public static List<int[]> DigineticaSrGnnTrain()
    {
        var path = SharedData.PathOf(Path.Combine("diginetica-cikm16", SrGnnSplitReader.TrainFileName));
        Assert.True(File.Exists(path), $"{path} is absent: set JOURNEYS_SHARED_DATA to the shared data folder");
        return SrGnnSplitReader.ReadTrain(path);
    }

    /// <summary>DIGINETICA views sample joined with purchases and categories, or null when the shared copies are absent.</summary>
    public static IReadOnlyList<IReadOnlyList<ClickEvent>>? DigineticaJourneys()
    {
        var views = SharedData.PathOf("diginetica-cikm16/sample_train-item-views.csv.gz");
        var purchases = SharedData.PathOf("diginetica-cikm16/train-purchases.csv.gz");
        var categories = SharedData.PathOf("diginetica-cikm16/product-categories.csv.gz");
        if (!File.Exists(views) || !File.Exists(purchases) || !File.Exists(categories))
        {
            return null;
        }
        return OutcomeEvaluation.GroupBySession(DatasetReader.Read(views, DatasetFormat.DigineticaJourneys,
            new DatasetReadOptions(categories, purchases)));
    }
}
