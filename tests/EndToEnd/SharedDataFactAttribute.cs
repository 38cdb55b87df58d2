namespace Journeys.EndToEnd.Tests;

/// <summary>
/// A test that needs a file of the shared datasets (outside the repository: <c>../shared/data</c> beside the checkout,
/// or JOURNEYS_SHARED_DATA). Where the file is absent the test is skipped with its path, never failed. xunit v2 decides
/// skips at discovery, so the check happens here.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath);
        if (!File.Exists(path))
        {
            Skip = $"{path} is absent: the full dataset copies live outside the repository (set JOURNEYS_SHARED_DATA to point at them)";
        }
    }

    /// <summary>The shared datasets folder, whether or not it exists.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("JOURNEYS_SHARED_DATA") ?? Path.Combine(RepoRoot(), "..", "shared", "data");

    /// <summary>The repository checkout the tests run from (the folder with Journeys.sln).</summary>
    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Journeys.sln"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}
