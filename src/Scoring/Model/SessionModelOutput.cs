using TorchSharp;

namespace Journeys.Scoring.Model;

/// <summary>
/// Tensors of one <see cref="SessionModel"/> forward. For a step the leading shape is [B]; for a full sequence [B, T].
/// <see cref="H"/>/<see cref="C"/> end in the hidden size, <see cref="StageProbabilities"/> in 5 (JourneyStage order),
/// <see cref="SessionEmbedding"/> in the item embedding size; <see cref="Conversion"/> and <see cref="Friction"/> are
/// probabilities without a trailing dimension. The caller owns them (use a dispose scope).
/// </summary>
public readonly record struct SessionModelOutput(
    torch.Tensor H,
    torch.Tensor C,
    torch.Tensor StageProbabilities,
    torch.Tensor Conversion,
    torch.Tensor Friction,
    torch.Tensor SessionEmbedding);
