namespace Journeys.Demo;

/// <summary>The real data sample shipped with Journeys (data/NOTICE.md gives its source and terms).</summary>
public static class BundledData
{
    public const string SampleFileName = "2019-Oct_multicategory_first17434.csv.gz";

    /// <summary>The sample's path in the build output (the csproj copies data/ there).</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "data", SampleFileName);

    public const string ModelFileName = "rees46-demo.jrnm";

    /// <summary>The model trained on the sample by Journeys (data/models/README.md), copied to the build output.</summary>
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "data", "models", ModelFileName);

    public const string DemandModelFileName = "rees46-demand.json";

    /// <summary>The demand model (pricing) trained on the sample by Journeys (data/models/README.md).</summary>
    public static string DemandModelPath => Path.Combine(AppContext.BaseDirectory, "data", "models", DemandModelFileName);

    public const string ProductFeedFileName = "rees46-demo-catalog.csv.gz";

    /// <summary>
    /// The product feed derived from the sample (data/NOTICE.md): each product's category and its last listed price.
    /// The sample has no costs or stock, so those columns are empty (unknown) and pricing states its margin assumption.
    /// (The file keeps its name and its folder, data/catalog/, which the docs and the image name.)
    /// </summary>
    public static string ProductFeedPath => Path.Combine(AppContext.BaseDirectory, "data", "catalog", ProductFeedFileName);
}
