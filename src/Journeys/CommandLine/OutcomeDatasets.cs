using Journeys.Contracts.Events;
using Journeys.Demo;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Evaluation.Outcomes;

namespace Journeys.CommandLine;

/// <summary>
/// The evaluation datasets with carts and purchases, split by time (earliest 80 % of sessions train, latest 20 % test;
/// <see cref="TimeSplit"/>): <c>rees46</c> (the bundled REES46 sample) and <c>diginetica-journeys</c> (the Diginetica
/// view sample joined with its purchases). <c>journeys train</c> holds out the same test part, so a model trained on
/// the file is never scored on sessions it saw.
/// </summary>
internal static class OutcomeDatasets
{
    public const string Rees46 = "rees46";
    public const string DigineticaJourneys = "diginetica-journeys";
    public static readonly string[] Names = [Rees46, DigineticaJourneys];

    /// <summary>Reader formats whose data records carts and purchases (outcome heads train and evaluate on them).</summary>
    public static bool HasOutcomes(DatasetFormat format) =>
        format is DatasetFormat.Rees46 or DatasetFormat.Journeys or DatasetFormat.DigineticaJourneys;

    public static (string Path, DatasetFormat Format, DatasetReadOptions Options) Source(string name, DirectoryInfo data) => name switch
    {
        Rees46 => (BundledData.SamplePath, DatasetFormat.Rees46, new DatasetReadOptions()),
        DigineticaJourneys => (
            Path.Combine(data.FullName, "diginetica-cikm16", "sample_train-item-views.csv.gz"),
            DatasetFormat.DigineticaJourneys,
            new DatasetReadOptions(
                Path.Combine(data.FullName, "diginetica-cikm16", "product-categories.csv.gz"),
                Path.Combine(data.FullName, "diginetica-cikm16", "train-purchases.csv.gz"))),
        _ => throw new ArgumentException($"unknown outcome dataset '{name}'; use one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>Sessions of a file, split by time.</summary>
    public static SessionSplit Split(IEnumerable<ClickEvent> events) =>
        TimeSplit.Split(OutcomeEvaluation.GroupBySession(events));

    /// <summary>
    /// Next-item cases of the test sessions: each session's product sequence (every event that names a product), every
    /// prefix → its next product, under session-rec's rules (<see cref="NextItemSplit.FromTestSessions"/>).
    /// </summary>
    public static NextItemSplit NextItem(string name, SessionSplit split, string dataSha256) =>
        NextItemSplit.FromTestSessions(name, Products(split.Train), Products(split.Test), dataSha256);

    private static List<string[]> Products(IReadOnlyList<IReadOnlyList<ClickEvent>> sessions) =>
        [.. sessions.Select(s => s.Where(e => e.ProductId is not null).Select(e => e.ProductId!).ToArray()).Where(s => s.Length > 0)];

    /// <summary>The training part of a file with outcomes: its events in stream order, the latest sessions held out.</summary>
    public static IEnumerable<ClickEvent> TrainingPart(IEnumerable<ClickEvent> events) =>
        Split(events).Train.SelectMany(s => s).OrderBy(e => e.Timestamp);
}
