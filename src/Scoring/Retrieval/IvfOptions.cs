namespace Journeys.Scoring.Retrieval;

/// <summary>How an <see cref="IvfItemIndex"/> is built and searched.</summary>
public sealed record IvfOptions
{
    /// <summary>Inverted lists (k-means clusters); 0 = <see cref="AutoLists"/>.</summary>
    public int Lists { get; init; }

    /// <summary>Lists searched per query (nprobe): more finds more of the true top k and costs proportionally more.</summary>
    public int Probes { get; init; } = 16;

    /// <summary>Lloyd iterations of the k-means; the lists barely move after ~10 on the catalogs measured.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>k-means trains on at most this many items per list (a seeded sample), then assigns every item.</summary>
    public int TrainingItemsPerList { get; init; } = 64;

    /// <summary>Seed of the training sample and the initial centroids: the same table, options and machine give the same index.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// 2·√items, at least 1: a query costs about lists·D (ranking the centroids) + probes·(items/lists)·D (scanning the
    /// probed lists), which is smallest near √(probes·items); 2·√items suits the 8–32 probes that reach recall@20 ≥ 0.95
    /// on the catalogs measured (journeys evaluate --task ann).
    /// </summary>
    public static int AutoLists(long items) => (int)Math.Clamp(Math.Round(2 * Math.Sqrt(Math.Max(items, 1))), 1, Math.Max(items, 1));

    /// <summary>Throws with the setting to change when a value is out of range.</summary>
    public void Validate()
    {
        if (Lists < 0) throw new ArgumentOutOfRangeException(nameof(Lists), Lists, "IVF lists must be 0 (automatic) or positive.");
        if (Probes < 1) throw new ArgumentOutOfRangeException(nameof(Probes), Probes, "IVF probes must be at least 1.");
        if (Iterations < 0) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "k-means iterations must be 0 or more.");
        if (TrainingItemsPerList < 1) throw new ArgumentOutOfRangeException(nameof(TrainingItemsPerList), TrainingItemsPerList, "k-means needs at least 1 training item per list.");
    }
}
