using TorchSharp;

namespace Journeys.Scoring.Model;

/// <summary>
/// A session model ready to score: the network on its device (in eval mode), its metadata and the feature encoder
/// built from the metadata's vocabularies. Owns the network.
/// </summary>
public sealed class ScoringModel : IDisposable
{
    public ScoringModel(SessionModel network, ModelMetadata metadata, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(device);
        if (metadata.Inconsistency() is { } problem) throw new ArgumentException($"Inconsistent model metadata: {problem}.", nameof(metadata));
        if (network.Dimensions != metadata.Dimensions) throw new ArgumentException("The network's dimensions differ from the metadata's.", nameof(network));
        Network = network;
        Metadata = metadata;
        Device = device;
        Encoder = new FeatureEncoder(metadata.Products, metadata.Categories, metadata.PriceEdges, metadata.GapEdgesSeconds);
        network.to(device);
        network.eval();
        network.FreezeScoringTable();
        Info = new ModelInfo(
            metadata.Version,
            metadata.Trained,
            metadata.Dimensions.HiddenSize,
            metadata.Products.Count,
            metadata.Categories.Count,
            device.ToString());
    }

    public SessionModel Network { get; }
    public ModelMetadata Metadata { get; private set; }

    /// <summary>Records the blend weights chosen for this model (saved with it by <see cref="SessionModelFile.Save"/>).</summary>
    public void AttachBlendWeights(Recommendations.RelationBlendWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Problem() is { } problem) throw new ArgumentException($"Invalid blend weights: {problem}.", nameof(weights));
        Metadata = Metadata with { BlendWeights = weights };
    }
    public FeatureEncoder Encoder { get; }
    public torch.Device Device { get; }

    /// <summary>
    /// The latest training sessions as product ids, oldest first (a bounded tail the trainer attaches and the model
    /// file keeps): the engine seeds its session-neighbour index with them, so neighbours exist from the first click.
    /// Empty for seeded models and files written before they were kept.
    /// </summary>
    public IReadOnlyList<string[]> RecentSessions { get; init; } = [];

    /// <summary>Item and category counts here exclude the out-of-vocabulary index.</summary>
    public ModelInfo Info { get; }

    public void Dispose() => Network.Dispose();
}
