namespace Journeys.Scoring.Retrieval;

/// <summary>The values of <c>Scoring:Retrieval</c>, which are also the <see cref="IItemIndex.Name"/>s.</summary>
public static class RetrievalModes
{
    public const string Exact = "exact";
    public const string Ivf = "ivf";
    public const string Garnet = "garnet";

    public static readonly IReadOnlyList<string> All = [Exact, Ivf, Garnet];

    public static bool IsKnown(string? mode) => mode is not null && All.Contains(mode, StringComparer.OrdinalIgnoreCase);
}
