namespace Journeys.Scoring.Retrieval;

/// <summary>The values of <c>Scoring:Retrieval</c>; all but auto are also the <see cref="IItemIndex.Name"/>s.</summary>
public static class RetrievalModes
{
    /// <summary>Exact below <c>Scoring:ExactUpToItems</c> items, IVF from there on (the measured crossover).</summary>
    public const string Auto = "auto";
    public const string Exact = "exact";
    public const string Ivf = "ivf";
    public const string Garnet = "garnet";

    public static readonly IReadOnlyList<string> All = [Auto, Exact, Ivf, Garnet];

    public static bool IsKnown(string? mode) => mode is not null && All.Contains(mode, StringComparer.OrdinalIgnoreCase);
}
