namespace Journeys.Tests.Support;

/// <summary>
/// The checkout the tests run from: the first folder above the test binaries that holds Journeys.sln. Bundled inputs
/// live in its <c>data/</c>, so tests that use them never depend on anything outside the checkout.
/// </summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder with Journeys.sln; a test run outside a checkout fails here, naming where it looked.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A file or folder under the repository's bundled <c>data/</c>.</summary>
    public static string Data(string relativePath) => Path.Combine(Root, "data", relativePath);

    /// <summary>The bundled REES46 sample: the first 17,434 events of 2019-Oct, 5,066 sessions.</summary>
    public static string DemoSample => Data("2019-Oct_multicategory_first17434.csv.gz");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Journeys.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Journeys.sln above {AppContext.BaseDirectory}");
    }
}
