namespace Journeys.Tests.Support;

/// <summary>
/// The full dataset copies, which live outside the repository: JOURNEYS_SHARED_DATA, or <c>../shared/data</c> beside
/// the checkout. Tests that need them use <see cref="SharedDataFactAttribute"/> (skipped when a file is absent).
/// </summary>
public static class SharedData
{
    /// <summary>The shared datasets folder, whether or not it exists.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("JOURNEYS_SHARED_DATA")
        ?? Path.Combine(Repository.Root, "..", "shared", "data");

    /// <summary>A file or folder of the shared datasets, whether or not it exists.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Folder, relativePath);
}
