namespace Journeys.Scoring.Model;

/// <summary>
/// Everything a model file says besides its weights. Vocabularies exclude index 0 (out-of-vocabulary), so
/// <c>Dimensions.ItemCount == Products.Count + 1</c> and likewise for categories; bucket edges define
/// <c>PriceBucketCount == PriceEdges.Count + 2</c> and <c>GapBucketCount == GapEdgesSeconds.Count + 2</c>.
/// </summary>
public sealed record ModelMetadata(
    string Version,
    bool Trained,
    DateTimeOffset CreatedAt,
    int? Seed,
    SessionModelDimensions Dimensions,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Categories,
    IReadOnlyList<double> PriceEdges,
    IReadOnlyList<double> GapEdgesSeconds)
{
    /// <summary>
    /// How a trained model was made (data checksum, configuration, learning curve); null for seeded models and for
    /// files written before training existed, which therefore still load.
    /// </summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>
    /// The blend weights (<see cref="Recommendations.RelationBlend"/>) <c>journeys train</c> chose for this model on its
    /// validation sessions; the engine serves with them unless configuration sets a weight, and <c>journeys evaluate</c>
    /// scores <c>served</c> with them. Null for seeded models and older files (the built-in defaults apply).
    /// </summary>
    public Recommendations.RelationBlendWeights? BlendWeights { get; init; }

    /// <summary>Null when consistent, else what is wrong (used when loading a file).</summary>
    public string? Inconsistency()
    {
        if (string.IsNullOrWhiteSpace(Version)) return "the version is empty";
        if (Dimensions is null) return "the dimensions are missing";
        if (Products is null || Categories is null || PriceEdges is null || GapEdgesSeconds is null) return "a vocabulary or bucket list is missing";
        if (Dimensions.ItemCount != Products.Count + 1) return $"ItemCount {Dimensions.ItemCount} does not match {Products.Count} products + 1";
        if (Dimensions.CategoryCount != Categories.Count + 1) return $"CategoryCount {Dimensions.CategoryCount} does not match {Categories.Count} categories + 1";
        if (Dimensions.PriceBucketCount != PriceEdges.Count + 2) return $"PriceBucketCount {Dimensions.PriceBucketCount} does not match {PriceEdges.Count} price edges + 2";
        if (Dimensions.GapBucketCount != GapEdgesSeconds.Count + 2) return $"GapBucketCount {Dimensions.GapBucketCount} does not match {GapEdgesSeconds.Count} gap edges + 2";
        if (BlendWeights?.Problem() is { } blend) return $"invalid blend weights: {blend}";
        return null;
    }
}
