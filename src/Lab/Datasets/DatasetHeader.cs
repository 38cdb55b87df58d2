namespace Journeys.Lab.Datasets;

/// <summary>
/// Finds columns by name rather than position: copies of these datasets rename columns (SR-GNN writes
/// <c>session_id</c> for DIGINETICA's <c>sessionId</c>) and sometimes reorder them.
/// </summary>
internal static class DatasetHeader
{
    /// <summary>Names compare case-insensitively and ignoring '_' and spaces, so sessionId = session_id = SessionId.</summary>
    public static int[] Locate(string path, string header, char separator, params string[] required)
    {
        var names = header.TrimStart('\uFEFF').Split(separator).Select(Normalize).ToArray();
        var indices = new int[required.Length];
        for (var i = 0; i < required.Length; i++)
        {
            indices[i] = Array.IndexOf(names, Normalize(required[i]));
            if (indices[i] < 0)
            {
                throw DatasetFile.Error(path, 1,
                    $"header lacks column '{required[i]}' (expected {string.Join(separator, required)}; found '{header}')");
            }
        }
        return indices;
    }

    private static string Normalize(string name) =>
        name.Trim().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .ToLowerInvariant();
}
