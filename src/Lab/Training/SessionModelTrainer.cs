using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Lab.Training;

/// <summary>
/// Trains the served <see cref="SessionModel"/> — the very module and step function the engine runs — on whole
/// sessions: batches of sessions of similar length, padded at the end and masked (the LSTM is causal, so padding after
/// a session never changes its states), with a loss at every step:
/// <list type="bullet">
/// <item>next item: full softmax over the item vocabulary with the tied item table (cross-entropy), wherever the next
/// item is in the vocabulary — every prefix of every session is a training case;</item>
/// <item>conversion, friction (binary cross-entropy) and furthest stage (negative log-likelihood), only for sessions
/// whose dataset records outcomes (<see cref="OutcomeLabels.Known"/>); otherwise masked, never faked.</item>
/// </list>
/// Adam with a per-epoch learning-rate decay, gradient clipping, early stopping on the validation loss of the latest
/// sessions of the training data; the best epoch's weights are returned. Seeded: the same data and options give the
/// same model on the same machine and thread count.
/// </summary>
public static class SessionModelTrainer
{
    public static TrainingResult Train(TrainingSet data, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads is { } threads) set_num_threads(threads);
        // Dropout draws from the global generator: seeded, so the same data and options give the same model.
        manual_seed(options.Seed);
        var clock = Stopwatch.StartNew();

        var (train, validation) = SplitValidation(data.Sessions, options.ValidationFraction);
        if (train.Count == 0) throw new InvalidOperationException($"Dataset '{data.Name}' has no training sessions.");
        var encoder = data.Encoder;
        var dims = options.Dimensions with
        {
            ItemCount = encoder.ProductCount,
            CategoryCount = encoder.CategoryCount,
            PriceBucketCount = encoder.PriceBucketCount,
            GapBucketCount = encoder.GapBucketCount,
        };
        var resolved = options with { Dimensions = dims, SampledNegatives = options.NegativesFor(dims.ItemCount) };

        var network = new SessionModel(dims) { TrainingDropout = options.Dropout };
        try
        {
            Initialize(network, options.Seed);
            var (batches, spanStarts) = TrainingBatches.InSpans(train, options);
            var validationBatches = TrainingBatches.Build(validation, options);
            var negatives = resolved.SampledNegatives!.Value;
            using var popularity = negatives > 0 && options.PopularityCorrection ? TargetLogPopularity(batches, dims.ItemCount) : null;
            var optimizer = optim.Adam(network.parameters(), options.LearningRate);
            var random = new Random(options.Seed);
            using var generator = new Generator(unchecked((ulong)options.Seed + 1));
            var curve = new List<EpochRecord>();
            Dictionary<string, Tensor>? best = null;
            // The latest epochs' weights, for averaging the kept epoch with the ones before it.
            var recent = new List<(int Epoch, Dictionary<string, Tensor> State)>();
            var bestLoss = double.PositiveInfinity;
            var bestEpoch = 0;
            var stopReason = "max epochs";
            var learningRate = options.LearningRate;

            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SetLearningRate(optimizer, learningRate);
                var started = clock.Elapsed;
                network.train();
                TrainingBatches.OrderEpoch(batches, spanStarts, random);
                double lossSum = 0;
                long lossCount = 0;
                long events = 0;
                var lastReport = clock.Elapsed;
                for (var b = 0; b < batches.Count; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    var loss = Loss(network, batches[b], options.OutcomeWeight, rankMetrics: null,
                        new Sampling(negatives, generator, popularity));
                    if (loss is null) continue;
                    loss.backward();
                    nn.utils.clip_grad_norm_(network.parameters(), options.ClipNorm);
                    optimizer.step();
                    lossSum += loss.item<float>();
                    lossCount++;
                    events += batches[b].Events;
                    if (progress is not null && (clock.Elapsed - lastReport).TotalSeconds >= 2)
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(new TrainingProgress(epoch, b + 1, batches.Count, lossSum / lossCount,
                            events / Math.Max(1e-9, (clock.Elapsed - started).TotalSeconds), clock.Elapsed));
                    }
                }
                var seconds = (clock.Elapsed - started).TotalSeconds;

                var metrics = new RankMetrics();
                var validationLoss = Evaluate(network, validationBatches, options.OutcomeWeight, metrics);
                var scores = metrics.Scores;
                var record = new EpochRecord(epoch, lossCount == 0 ? double.NaN : lossSum / lossCount, validationLoss,
                    scores.Hr20, scores.Mrr20, learningRate, seconds, events / Math.Max(1e-9, seconds));
                curve.Add(record);
                progress?.Report(new TrainingProgress(epoch, batches.Count, batches.Count, record.TrainLoss, record.EventsPerSecond, clock.Elapsed, record));

                if (options.AverageEpochs > 1 && validationBatches.Count > 0)
                {
                    recent.Add((epoch, Snapshot(network, null)));
                    if (recent.Count > options.AverageEpochs + options.Patience)
                    {
                        foreach (var t in recent[0].State.Values) t.Dispose();
                        recent.RemoveAt(0);
                    }
                }

                // Without validation sessions (tiny data) the last epoch is the best one we can name.
                var criterion = double.IsNaN(validationLoss) ? -epoch : validationLoss;
                if (criterion < bestLoss)
                {
                    bestLoss = criterion;
                    bestEpoch = epoch;
                    best = Snapshot(network, best);
                }
                else if (epoch - bestEpoch >= options.Patience)
                {
                    stopReason = $"early stop: no better validation loss for {options.Patience} epochs";
                    break;
                }
                if (options.TimeBudgetMinutes is { } budget && clock.Elapsed.TotalMinutes >= budget)
                {
                    stopReason = $"time budget of {budget.ToString(CultureInfo.InvariantCulture)} min";
                    break;
                }
                learningRate *= options.LearningRateDecay;
            }

            EpochAverage? average = null;
            if (best is not null && validationBatches.Count > 0 && options.AverageEpochs > 1)
            {
                var (chosen, state) = ChooseAverage(network, recent, bestEpoch, bestLoss, validationBatches, options);
                if (state is not null)
                {
                    foreach (var t in best.Values) t.Dispose();
                    best = state;
                    average = chosen;
                }
            }
            foreach (var (_, state) in recent)
            {
                foreach (var t in state.Values) t.Dispose();
            }
            if (best is not null) Restore(network, best);
            var heads = options.RefitOutcomeHeads ? OutcomeHeadRefit.Run(network, batches, validationBatches) : null;
            var trainRecord = new TrainingRecord(data.Name, data.DataSha256, resolved, train.Count, validation.Count, bestEpoch,
                clock.Elapsed.TotalSeconds, curve, stopReason) { OutcomeHeads = heads, Average = average };
            var metadata = new ModelMetadata(
                Version(data, resolved),
                Trained: true,
                CreatedAt: DateTimeOffset.UtcNow,
                Seed: options.Seed,
                dims,
                encoder.Products,
                encoder.Categories,
                encoder.PriceEdges,
                encoder.GapEdgesSeconds)
            {
                Training = trainRecord,
            };
            var model = new ScoringModel(network, metadata, CPU) { RecentSessions = LatestItemSessions(data, NeighbourSeedSessions) };
            network = null;
            return new TrainingResult(model, trainRecord);
        }
        finally
        {
            network?.Dispose();
        }
    }

    /// <summary>
    /// Training sessions a trained model carries for the engine's session-neighbour index (<see cref="ScoringModel.RecentSessions"/>).
    /// As many as the index holds by default (<c>SessionNeighbours:MaxSessions</c>), so a fresh engine starts from exactly
    /// the index <c>journeys evaluate</c> scores its served ranking with; about 5 MB in the file at Diginetica's session lengths.
    /// </summary>
    public const int NeighbourSeedSessions = 100_000;

    /// <summary>
    /// The latest <paramref name="count"/> sessions of <paramref name="data"/> (validation ones included: they are the
    /// latest), oldest first, as the product ids of their vocabulary products; out-of-vocabulary and product-less steps
    /// are left out, and sessions left empty are skipped.
    /// </summary>
    public static IReadOnlyList<string[]> LatestItemSessions(TrainingSet data, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var latest = new List<string[]>(Math.Min(count, data.Sessions.Count));
        for (var s = data.Sessions.Count - 1; s >= 0 && latest.Count < count; s--)
        {
            var items = ItemIds(data, data.Sessions[s]);
            if (items.Length > 0) latest.Add(items);
        }
        latest.Reverse();
        return latest;
    }

    /// <summary>A session's vocabulary products, in order, as ids (out-of-vocabulary and product-less steps left out).</summary>
    public static string[] ItemIds(TrainingSet data, TrainingSequence session)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(session);
        return session.Steps.Where(f => f.Product > 0).Select(f => data.Encoder.ProductAt(f.Product)).OfType<string>().ToArray();
    }

    /// <summary>
    /// <c>trained-{dataset}-{yyyyMMdd}-{hash}</c>, the hash over the data checksum and the full configuration: the same
    /// command on the same data names its model the same way (the date says when).
    /// </summary>
    public static string Version(TrainingSet data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        var config = JsonSerializer.Serialize(options, TrainingJsonContext.Default.TrainingOptions);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{data.DataSha256}\n{config}\n{string.Join('\n', data.Encoder.Products.Take(1000))}"));
        return $"trained-{data.Name}-{DateTime.UtcNow:yyyyMMdd}-{Convert.ToHexStringLower(hash, 0, 4)}";
    }

    /// <summary>The latest <paramref name="fraction"/> of sessions (by their order, i.e. time) validate; the rest train.</summary>
    public static (List<TrainingSequence> Train, List<TrainingSequence> Validation) SplitValidation(IReadOnlyList<TrainingSequence> sessions, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (fraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in [0, 1)");
        var validationCount = (int)Math.Round(sessions.Count * fraction);
        var cut = sessions.Count - validationCount;
        return (sessions.Take(cut).ToList(), sessions.Skip(cut).ToList());
    }

    // SR-GNN's scheme: every parameter ~ U(±1/√hidden). PyTorch's default N(0,1) embeddings make the tied softmax's
    // initial logits huge and the first epochs unstable.
    private static void Initialize(SessionModel network, int seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var noGrad = no_grad();
        var bound = 1 / Math.Sqrt(network.Dimensions.HiddenSize);
        foreach (var (_, parameter) in network.named_parameters()) parameter.uniform_(-bound, bound, generator);
    }

    private static double Evaluate(SessionModel network, List<TrainingBatch> batches, double outcomeWeight, RankMetrics metrics)
    {
        if (batches.Count == 0) return double.NaN;
        network.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long weight = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var loss = Loss(network, batch, outcomeWeight, metrics, sampling: null);
            if (loss is null) continue;
            sum += loss.item<float>() * batch.Events;
            weight += batch.Events;
        }
        network.train();
        return weight == 0 ? double.NaN : sum / weight;
    }

    /// <summary>The batch's loss (null when it has nothing to learn from); with <paramref name="rankMetrics"/>, also ranks every next-item case.</summary>
    private static Tensor? Loss(SessionModel network, TrainingBatch batch, double outcomeWeight, RankMetrics? rankMetrics, Sampling? sampling)
    {
        var b = batch.Sessions.Count;
        var t = batch.Length;
        var input = tensor(batch.Inputs, b, t, 5);
        var output = network.Forward(input);
        Tensor? total = null;

        if (batch.TargetPositions.Length > 0)
        {
            var positions = tensor(batch.TargetPositions);
            var targets = tensor(batch.Targets);
            var session = output.SessionEmbedding.reshape(b * t, -1).index_select(0, positions);
            var table = network.ScoringTable;
            if (sampling is { Negatives: > 0 } sample)
            {
                // Candidates: the batch's targets and shared uniform negatives, deduplicated; targets re-indexed into them.
                var items = network.Dimensions.ItemCount - 1;
                var negatives = randint(1, network.Dimensions.ItemCount, [sample.Negatives], generator: sample.Generator, dtype: ScalarType.Int64);
                var (candidates, inverse, _) = unique(cat([targets, negatives]), sorted: false, return_inverse: true);
                var local = inverse!.narrow(0, 0, targets.shape[0]);
                var sampled = session.mm(table.index_select(0, candidates).t());
                if (sample.LogPopularity is { } logPopularity)
                {
                    // logQ correction (Bengio & Senécal; Yi et al. 2019): a candidate's logit minus the log of how often
                    // it is expected among the candidates — targets.Count × its share of targets (in-batch negatives
                    // follow popularity) plus Negatives / items (the uniform ones) — so the sampled softmax estimates the
                    // full one instead of punishing popular items for being drawn as negatives more often.
                    var expected = (logPopularity.index_select(0, candidates) + Math.Log(targets.shape[0])).exp()
                        + ((double)sample.Negatives / items);
                    sampled = sampled - expected.log();
                }
                total = nn.functional.cross_entropy(sampled, local);
            }
            else
            {
                var logits = session.mm(table.t());
                total = nn.functional.cross_entropy(logits, targets);
                if (rankMetrics is not null)
                {
                    using var noGrad = no_grad();
                    rankMetrics.AddRange(Ranking.RanksOf(logits.detach(), targets));
                }
            }
        }

        if (batch.OutcomePositions.Length > 0 && outcomeWeight > 0)
        {
            var positions = tensor(batch.OutcomePositions);
            var conversion = output.Conversion.reshape(b * t).index_select(0, positions).clamp(1e-6, 1 - 1e-6);
            var friction = output.Friction.reshape(b * t).index_select(0, positions).clamp(1e-6, 1 - 1e-6);
            var stage = output.StageProbabilities.reshape(b * t, -1).index_select(0, positions).clamp_min(1e-7).log();
            var outcome = nn.functional.binary_cross_entropy(conversion, tensor(batch.Converts))
                + nn.functional.binary_cross_entropy(friction, tensor(batch.Friction))
                + nn.functional.nll_loss(stage, tensor(batch.Stages));
            outcome = outcome * outcomeWeight;
            total = total is null ? outcome : total + outcome;
        }
        return total;
    }

    /// <summary>How a training batch samples its softmax: <paramref name="Negatives"/> shared uniform negatives (0 = full
    /// softmax) and, for the logQ correction, the log of each item's share of training targets.</summary>
    private sealed record Sampling(int Negatives, Generator? Generator, Tensor? LogPopularity);

    /// <summary>log(share of training targets) per item [ItemCount]; items never a target get a share of 0 (−∞).</summary>
    private static Tensor TargetLogPopularity(List<TrainingBatch> batches, int itemCount)
    {
        var counts = new double[itemCount];
        long total = 0;
        foreach (var batch in batches)
        {
            foreach (var target in batch.Targets) counts[target]++;
            total += batch.Targets.Length;
        }
        for (var i = 0; i < counts.Length; i++) counts[i] = Math.Log(counts[i] / Math.Max(1, total));
        return tensor(counts, dtype: ScalarType.Float32).DetachFromDisposeScope();
    }

    private static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    /// <summary>
    /// Averages the kept epoch's weights with those of the epochs just before it (2 up to
    /// <see cref="TrainingOptions.AverageEpochs"/> of them, Polyak averaging over epochs) and returns the average with
    /// the lowest validation loss, if one is lower than the kept epoch's own; otherwise (null, null).
    /// </summary>
    private static (EpochAverage? Average, Dictionary<string, Tensor>? State) ChooseAverage(SessionModel network,
        List<(int Epoch, Dictionary<string, Tensor> State)> recent, int bestEpoch, double bestLoss, List<TrainingBatch> validation,
        TrainingOptions options)
    {
        EpochAverage? chosen = null;
        Dictionary<string, Tensor>? chosenState = null;
        var lowest = bestLoss;
        for (var count = 2; count <= options.AverageEpochs; count++)
        {
            var members = recent.Where(r => r.Epoch > bestEpoch - count && r.Epoch <= bestEpoch).Select(r => r.State).ToList();
            if (members.Count != count) break;
            var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            using (no_grad())
            {
                foreach (var name in members[0].Keys)
                {
                    var sum = members[0][name].clone().DetachFromDisposeScope();
                    for (var i = 1; i < members.Count; i++) sum.add_(members[i][name]);
                    state[name] = sum.div_(count);
                }
                foreach (var (name, tensor) in network.state_dict()) tensor.copy_(state[name]);
            }
            var metrics = new RankMetrics();
            var loss = Evaluate(network, validation, options.OutcomeWeight, metrics);
            if (loss < lowest)
            {
                lowest = loss;
                if (chosenState is not null)
                {
                    foreach (var t in chosenState.Values) t.Dispose();
                }
                chosenState = state;
                chosen = new EpochAverage(bestEpoch - count + 1, bestEpoch, loss, metrics.Scores.Hr20, metrics.Scores.Mrr20);
            }
            else
            {
                foreach (var t in state.Values) t.Dispose();
            }
        }
        return (chosen, chosenState);
    }

    private static Dictionary<string, Tensor> Snapshot(SessionModel network, Dictionary<string, Tensor>? previous)
    {
        if (previous is not null)
        {
            foreach (var t in previous.Values) t.Dispose();
        }
        using var noGrad = no_grad();
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in network.state_dict()) copy[name] = tensor.detach().clone().DetachFromDisposeScope();
        return copy;
    }

    private static void Restore(SessionModel network, Dictionary<string, Tensor> state)
    {
        using (no_grad())
        {
            foreach (var (name, tensor) in network.state_dict()) tensor.copy_(state[name]);
        }
        foreach (var t in state.Values) t.Dispose();
    }
}
