namespace Journeys.Lab.Datasets;

/// <summary>The command-line names of <see cref="DatasetFormat"/>; these names are part of the CLI contract.</summary>
public static class DatasetFormats
{
    /// <summary>Every accepted name, in the order help text lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["journeys", "yoochoose", "rees46", "diginetica-views", "diginetica-journeys"];

    public static string ToName(DatasetFormat format) => format switch
    {
        DatasetFormat.Journeys => "journeys",
        DatasetFormat.Yoochoose => "yoochoose",
        DatasetFormat.Rees46 => "rees46",
        DatasetFormat.DigineticaViews => "diginetica-views",
        DatasetFormat.DigineticaJourneys => "diginetica-journeys",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a dataset format"),
    };

    public static bool TryParse(string? name, out DatasetFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "journeys": format = DatasetFormat.Journeys; return true;
            case "yoochoose": format = DatasetFormat.Yoochoose; return true;
            case "rees46": format = DatasetFormat.Rees46; return true;
            case "diginetica-views": format = DatasetFormat.DigineticaViews; return true;
            case "diginetica-journeys": format = DatasetFormat.DigineticaJourneys; return true;
            default: format = default; return false;
        }
    }

    /// <summary>Parses a CLI name; the error lists the valid names so the user can fix the flag at once.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static DatasetFormat Parse(string? name) =>
        TryParse(name, out var format)
            ? format
            : throw new ArgumentException(
                $"Unknown dataset format '{name}'. Valid formats: {string.Join(", ", Names)}.", nameof(name));
}
