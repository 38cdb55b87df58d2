namespace Journeys.Engine.Hosting;

/// <summary>
/// The models trained on the bundled sample by Journeys (data/models/README.md), which <see cref="JourneysHost"/> serves
/// by default when they are in the build output (the <c>journeys</c> executable's csproj copies data/ there).
/// </summary>
public static class BundledModels
{
    public const string ModelFileName = "rees46-demo.jrnm";

    /// <summary>The session model trained on the sample, in the build output.</summary>
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "data", "models", ModelFileName);

    public const string DemandModelFileName = "rees46-demand.json";

    /// <summary>The demand model (pricing) trained on the sample, in the build output.</summary>
    public static string DemandModelPath => Path.Combine(AppContext.BaseDirectory, "data", "models", DemandModelFileName);
}
