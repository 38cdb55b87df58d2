using Journeys.Contracts.Events;

namespace Journeys.Scoring.Model;

/// <summary>
/// Sizes of a <see cref="SessionModel"/>. Vocabulary sizes include index 0 (out-of-vocabulary / none).
/// The defaults keep a session's state small: h and c are <see cref="HiddenSize"/> floats each (2 × 64 × 4 = 512 bytes).
/// </summary>
public sealed record SessionModelDimensions
{
    /// <summary>Type vocabulary: the click types plus index 0 (padding), fixed by the contract.</summary>
    public const int TypeCount = ClickTypes.Count + 1;

    /// <summary>Number of journey stages the stage head scores (JourneyStage order).</summary>
    public const int StageCount = 5;

    public int EmbeddingSize { get; init; } = 32;
    public int HiddenSize { get; init; } = 64;

    /// <summary>Item embedding size; also the session-embedding size, because the scoring table is the tied item embedding.</summary>
    public int ItemEmbeddingSize { get; init; } = 32;

    /// <summary>
    /// 0: next items score by the plain dot product of session embedding and item embedding. σ &gt; 0: NISER's normalized
    /// representations (Gupta et al. 2019) — item embeddings (as inputs and as the scoring table) and the session
    /// embedding are L2-normalized and the session embedding scaled by σ, so logits are σ·cos and a popular item cannot
    /// win on the length of its vector alone. Old model files, which lack the field, read as 0.
    /// </summary>
    public float NormalizedScale { get; init; }

    public int ItemCount { get; init; } = 1;
    public int CategoryCount { get; init; } = 1;
    public int PriceBucketCount { get; init; } = FeatureEncoder.DefaultPriceEdges.Count + 2;
    public int GapBucketCount { get; init; } = FeatureEncoder.DefaultGapEdgesSeconds.Count + 2;

    /// <summary>Throws when a size cannot build a model (zero or negative).</summary>
    public void Validate()
    {
        Positive(EmbeddingSize, nameof(EmbeddingSize));
        Positive(HiddenSize, nameof(HiddenSize));
        Positive(ItemEmbeddingSize, nameof(ItemEmbeddingSize));
        Positive(ItemCount, nameof(ItemCount));
        Positive(CategoryCount, nameof(CategoryCount));
        Positive(PriceBucketCount, nameof(PriceBucketCount));
        Positive(GapBucketCount, nameof(GapBucketCount));
        if (!(NormalizedScale >= 0) || float.IsInfinity(NormalizedScale))
        {
            throw new ArgumentOutOfRangeException(nameof(NormalizedScale), NormalizedScale, $"{nameof(NormalizedScale)} must be 0 (off) or a positive scale.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }
}
