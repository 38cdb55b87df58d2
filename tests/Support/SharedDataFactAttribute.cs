namespace Journeys.Tests.Support;

/// <summary>
/// A fact that needs a file of the shared datasets (<see cref="SharedData"/>). Where the file is absent the test is
/// skipped with its path, never failed, under CI too: the datasets are not part of a clone. xunit v2 decides skips at
/// discovery, so the check happens here.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        RelativePath = relativePath;
        var path = SharedData.PathOf(relativePath);
        if (!File.Exists(path))
        {
            Skip = $"{path} is absent: the full dataset copies live outside the repository (set JOURNEYS_SHARED_DATA to point at them)";
        }
    }

    /// <summary>The file the test needs, relative to <see cref="SharedData.Folder"/>.</summary>
    public string RelativePath { get; }
}
