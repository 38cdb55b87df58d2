namespace Journeys.Scoring.Model;

/// <summary>
/// How the trainer (<c>Journeys.Lab.Training.SessionModelTrainer</c>) trains; recorded in the model file so a run can be repeated. Defaults are the
/// measured Diginetica/RSC15 settings (docs/model.md, "Training and evaluation"); vocabulary and bucket counts in
/// <see cref="Dimensions"/> are filled in from the data.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>
    /// NISER's normalized embeddings by default: on Diginetica's latest training sessions they lifted validation HR@20 by
    /// 6 to 10 points at every epoch against the plain dot product (docs/benchmarks/2026-11-29-recommendations.md). σ = 12
    /// rather than RecBole-GNN's 16: better on the same validation sessions at every epoch, in HR@20 and MRR@20
    /// (docs/benchmarks/2026-11-29-recently-viewed.md).
    /// </summary>
    public SessionModelDimensions Dimensions { get; init; } = new() { EmbeddingSize = 64, HiddenSize = 100, ItemEmbeddingSize = 64, NormalizedScale = 12 };

    public int Seed { get; init; } = 42;

    /// <summary>Upper bound on epochs; early stopping usually ends sooner.</summary>
    public int MaxEpochs { get; init; } = 10;

    /// <summary>Epochs without a better validation loss before stopping (the best epoch's weights are kept).</summary>
    public int Patience { get; init; } = 2;

    /// <summary>Adam's learning rate for the first epoch, multiplied by <see cref="LearningRateDecay"/> after each.</summary>
    public double LearningRate { get; init; } = 5e-3;

    /// <summary>
    /// 0.75: within the 15-minute budget a Diginetica run gets through 9 to 12 epochs, and decaying by 0.75 per epoch
    /// has the learning rate down to a tenth by the ninth, where 0.9 left it at 43 %; on the latest training sessions
    /// it was ahead at every epoch (docs/benchmarks/2026-11-29-training-schedule.md).
    /// </summary>
    public double LearningRateDecay { get; init; } = 0.75;

    /// <summary>A batch holds whole sessions of similar length, at most this many events (padding included) …</summary>
    public int BatchEvents { get; init; } = 1024;

    /// <summary>… and at most this many sessions.</summary>
    public int BatchSessions { get; init; } = 512;

    /// <summary>
    /// 0: full softmax over the whole vocabulary. N &gt; 0: sampled softmax — each batch scores its positions against
    /// the batch's own targets plus N items drawn uniformly (shared by the batch), far cheaper on a large vocabulary
    /// (docs/model.md, Training and evaluation); validation always ranks against the full vocabulary. Null (the default): <see cref="AutoNegatives"/>
    /// when the vocabulary has more than <see cref="FullSoftmaxItems"/> items, else full softmax (see <see cref="NegativesFor"/>).
    /// </summary>
    public int? SampledNegatives { get; init; }

    /// <summary>
    /// Negatives of the sampled softmax when <see cref="SampledNegatives"/> is left to the trainer. 8,192: on Diginetica
    /// against 4,096, a third fewer events per second but better at equal training time, and its best epoch ranked
    /// better on the latest training sessions (docs/benchmarks/2026-11-29-training-schedule.md).
    /// </summary>
    public const int AutoNegatives = 8192;

    /// <summary>The largest vocabulary trained with a full softmax when <see cref="SampledNegatives"/> is left to the trainer.</summary>
    public const int FullSoftmaxItems = 16_384;

    /// <summary>The negatives a run over <paramref name="itemCount"/> items uses (0 = full softmax).</summary>
    public int NegativesFor(int itemCount) => SampledNegatives ?? (itemCount > FullSoftmaxItems ? AutoNegatives : 0);

    /// <summary>
    /// With <see cref="SampledNegatives"/>: correct each candidate's logit by the log of how often it is expected among
    /// the candidates (logQ), since the batch's own targets, which serve as negatives for the other rows, are drawn by
    /// popularity.
    /// </summary>
    public bool PopularityCorrection { get; init; }

    /// <summary>
    /// Dropout on the step's item embedding and on the hidden state before the session embedding (training only). 0.1:
    /// within the 15-minute budget the model is short of epochs rather than overfitting, and on Diginetica's latest
    /// training sessions 0.1 ranked better than 0.2 at every epoch, while without dropout the validation loss turned up
    /// after the fifth (docs/benchmarks/2026-11-29-training-schedule.md).
    /// </summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>
    /// The training sessions (oldest first) are cut into this many spans of time, each batched and shuffled within
    /// itself, and every epoch visits the spans oldest first, so each epoch ends on the latest sessions (GRU4Rec's
    /// ordered sessions, in spans). 0: every epoch visits all batches in one random order. 5: on Diginetica's latest
    /// training sessions, the closest to what the engine serves next, 5 spans ranked better and had a lower loss than
    /// one random order and than 20 spans (docs/benchmarks/2026-11-29-chronological.md).
    /// </summary>
    public int ChronologicalSpans { get; init; } = 5;

    /// <summary>
    /// After training, the kept epoch's weights are averaged with those of up to this many − 1 epochs before it, and the
    /// average with the lowest validation loss replaces them if that loss is lower than the kept epoch's own (Polyak
    /// averaging over epochs: the late epochs' weights wander around a minimum their mean is closer to). 1: off. 5: on
    /// Diginetica the validation sessions chose the average of five epochs from windows of up to eight
    /// (docs/benchmarks/2026-11-29-chronological.md); training keeps this many + <see cref="Patience"/> epochs' weights
    /// in memory.
    /// </summary>
    public int AverageEpochs { get; init; } = 5;

    /// <summary>Gradient-norm clip: the LSTM on long sessions occasionally produces spikes.</summary>
    public double ClipNorm { get; init; } = 5;

    /// <summary>The latest sessions of the training data held out for early stopping (never the test split).</summary>
    public double ValidationFraction { get; init; } = 0.05;

    /// <summary>
    /// Where the data is labelled: after training, refit the conversion and friction heads as L2-regularized logistic
    /// regressions on the kept epoch's hidden states, and keep each refit head only where it has the lower log-loss on
    /// the validation sessions (<c>Journeys.Lab.Training.OutcomeHeadRefit</c>).
    /// </summary>
    public bool RefitOutcomeHeads { get; init; } = true;

    /// <summary>Weight of the conversion, friction and stage losses relative to the next-item loss (where labelled).</summary>
    public double OutcomeWeight { get; init; } = 1;

    /// <summary>Stop after this much training time (the best epoch so far is kept); null = no limit.</summary>
    public double? TimeBudgetMinutes { get; init; }

    /// <summary>torch.set_num_threads; null keeps TorchSharp's default.</summary>
    public int? Threads { get; init; }
}
