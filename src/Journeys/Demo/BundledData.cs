using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Demo;

/// <summary>
/// The real data sample shipped with Journeys (data/NOTICE.md gives its source and terms). The models trained on it are
/// the engine's defaults: <see cref="Engine.Hosting.BundledModels"/>.
/// </summary>
public static class BundledData
{
    public const string SampleFileName = "2019-Oct_multicategory_first17434.csv.gz";

    /// <summary>The sample's path in the build output (the csproj copies data/ there).</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "data", SampleFileName);

    public const string ProductFeedFileName = "rees46-demo-catalog.csv.gz";

    /// <summary>
    /// The product feed derived from the sample (data/NOTICE.md): each product's category and its last listed price.
    /// The sample has no costs or stock, so those columns are empty (unknown) and pricing states its margin assumption.
    /// (The file keeps its name and its folder, data/catalog/, which the docs and the image name.)
    /// </summary>
    public static string ProductFeedPath => Path.Combine(AppContext.BaseDirectory, "data", "catalog", ProductFeedFileName);

    /// <summary>
    /// The sample's click events. An engine this CLI starts seeds its untrained model's vocabularies from them when no
    /// model file is configured (<see cref="Engine.Hosting.JourneysHost.CreateBuilder"/>); read only then.
    /// </summary>
    public static IEnumerable<ClickEvent> SampleEvents() => DatasetReader.Read(SamplePath, DatasetFormat.Rees46);
}
