namespace Journeys.Ingest.Tests.Datasets;

/// <summary>
/// Paths of the test inputs. Bundled files live in the repository's <c>data/</c> (found by walking up to
/// Journeys.sln), so these tests never depend on anything outside the checkout. Full datasets live in
/// <c>../shared/data</c> next to the checkout, or in JOURNEYS_SHARED_DATA. Tests that need them skip when they are absent.
/// </summary>
internal static class DatasetFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DemoSample => Bundled("2019-Oct_multicategory_first17434.csv.gz");

    public static string Bundled(string relativePath) => Path.Combine(RepoRoot, "data", relativePath);

    public static string Shared(string relativePath) =>
        Path.Combine(Environment.GetEnvironmentVariable("JOURNEYS_SHARED_DATA")
            ?? Path.Combine(RepoRoot, "..", "shared", "data"), relativePath);

    private static string FindRepoRoot()
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
