namespace Journeys.Ingest.Tests.Datasets;

/// <summary>
/// A fact that runs only when a file from ../shared/data exists. xunit v2 decides skips at discovery, so the check
/// happens here, and the skip message names the missing file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        RelativePath = relativePath;
        var path = DatasetFiles.Shared(relativePath);
        if (!File.Exists(path))
        {
            Skip = $"{path} is absent: the full dataset copies live outside the repository (set JOURNEYS_SHARED_DATA to point at them)";
        }
    }

    public string RelativePath { get; }
}
