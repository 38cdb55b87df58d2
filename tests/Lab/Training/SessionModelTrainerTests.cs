using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Scoring.Model;
using Journeys.Scoring.Tests;
using Journeys.Lab.Training;
using TorchSharp;

namespace Journeys.Lab.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class SessionModelTrainerTests : IDisposable
{
    private const int Items = 60;
    private static readonly TrainingOptions Fast = new()
    {
        Dimensions = new SessionModelDimensions { EmbeddingSize = 16, HiddenSize = 32, ItemEmbeddingSize = 16 },
        MaxEpochs = 15,
        Patience = 15,
        LearningRate = 0.02,
        LearningRateDecay = 0.9,
        BatchEvents = 256,
        BatchSessions = 32,
        ValidationFraction = 0.1,
        // One random order and no averaging, unless a test asks for them.
        ChronologicalSpans = 0,
        AverageEpochs = 1,
        Threads = 1,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-training-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Item i is followed by (7i + 1) mod 60 — learnable from the last click, invisible to popularity.</summary>
    private static List<string[]> PatternSessions(int count, int seed) => PatternSessions(count, seed, 7, 1);

    /// <summary>Item i is followed by (a·i + b) mod 60.</summary>
    private static List<string[]> PatternSessions(int count, int seed, int a, int b)
    {
        var random = new Random(seed);
        var sessions = new List<string[]>();
        for (var s = 0; s < count; s++)
        {
            var item = random.Next(Items);
            var session = new string[random.Next(2, 7)];
            for (var t = 0; t < session.Length; t++)
            {
                session[t] = $"i{item}";
                item = ((a * item) + b) % Items;
            }
            sessions.Add(session);
        }
        return sessions;
    }

    private static NextItemSplit Split()
    {
        var items = Enumerable.Range(0, Items).Select(i => $"i{i}").ToArray();
        var train = PatternSessions(600, 1);
        var split = NextItemSplit.FromTestSessions("pattern", train, PatternSessions(60, 2), "none");
        return split with { Items = items };
    }

    [Fact]
    public void A_tiny_training_run_learns_the_pattern_and_beats_popularity()
    {
        var split = Split();
        var set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
        var result = SessionModelTrainer.Train(set, Fast);
        using var model = result.Model;

        var scores = NextItemEvaluator.EvaluateModel(model, split.Test);
        var pop = NextItemEvaluator.EvaluateBaseline(new PopBaseline(), split);
        Assert.True(scores.Mrr20 > pop.Mrr20 + 0.3, $"model MRR@20 {scores.Mrr20:F3} vs POP {pop.Mrr20:F3}");
        Assert.True(scores.Hr10 > 0.8, $"model HR@10 {scores.Hr10:F3}");
        Assert.True(model.Metadata.Trained);
        Assert.StartsWith($"trained-pattern-{DateTime.UtcNow:yyyyMMdd}-", model.Metadata.Version, StringComparison.Ordinal);
        Assert.Equal(result.Record.Curve.Count, result.Record.Curve.Select(e => e.Epoch).Distinct().Count());
        // Every training session (all in the vocabulary, fewer than the bound) rides along for the neighbour index.
        Assert.Equal(split.Train, model.RecentSessions);
    }

    [Fact]
    public void A_popularity_corrected_sampled_softmax_learns_the_pattern_too()
    {
        var split = Split();
        var set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
        var result = SessionModelTrainer.Train(set, Fast with { SampledNegatives = 8, PopularityCorrection = true });
        using var model = result.Model;

        var scores = NextItemEvaluator.EvaluateModel(model, split.Test);
        Assert.True(scores.Hr10 > 0.8, $"model HR@10 {scores.Hr10:F3}");
        Assert.Equal(8, result.Record.Options.SampledNegatives);
        Assert.True(result.Record.Options.PopularityCorrection);
    }

    [Fact]
    public void Left_to_the_trainer_a_softmax_is_sampled_only_over_a_large_vocabulary_and_the_record_says_which()
    {
        var auto = new TrainingOptions();
        Assert.Equal(0, auto.NegativesFor(TrainingOptions.FullSoftmaxItems));
        Assert.Equal(TrainingOptions.AutoNegatives, auto.NegativesFor(TrainingOptions.FullSoftmaxItems + 1));
        Assert.Equal(0, (auto with { SampledNegatives = 0 }).NegativesFor(1_000_000));
        Assert.Equal(50, (auto with { SampledNegatives = 50 }).NegativesFor(10));

        var split = Split();
        var set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
        var result = SessionModelTrainer.Train(set, Fast with { MaxEpochs = 1, SampledNegatives = null });
        using var model = result.Model;
        Assert.Equal(0, result.Record.Options.SampledNegatives);
    }

    [Fact]
    public void Chronological_spans_visit_the_training_sessions_oldest_span_first_every_epoch()
    {
        var set = TrainingSets.FromItemSessions("order", PatternSessions(400, 1), Enumerable.Range(0, Items).Select(i => $"i{i}").ToArray(), "none");
        var age = new Dictionary<TrainingSequence, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < set.Sessions.Count; i++) age[set.Sessions[i]] = i;
        var random = new Random(5);

        var (batches, spanStarts) = TrainingBatches.InSpans([.. set.Sessions], Fast with { ChronologicalSpans = 4 });
        Assert.Equal(4, spanStarts.Count);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            TrainingBatches.OrderEpoch(batches, spanStarts, random);
            // Every batch holds sessions of one span (a quarter of the sessions, oldest first), and the spans come in order.
            var spans = batches.Select(b => b.Sessions.Select(s => age[s] * 4 / set.Sessions.Count).Distinct().Single()).ToList();
            Assert.Equal(spans.Order(), spans);
            Assert.Equal([0, 1, 2, 3], spans.Distinct());
        }

        // One random order (no spans) mixes old and new sessions within the epoch.
        var (all, oneSpan) = TrainingBatches.InSpans([.. set.Sessions], Fast);
        TrainingBatches.OrderEpoch(all, oneSpan, random);
        var firstHalf = all.Take(all.Count / 2).SelectMany(b => b.Sessions).Select(s => age[s]).ToList();
        Assert.Contains(firstHalf, i => i >= set.Sessions.Count / 2);
        Assert.Contains(firstHalf, i => i < set.Sessions.Count / 2);
    }

    [Fact]
    public void An_average_of_the_last_epochs_replaces_the_kept_epoch_only_when_its_validation_loss_is_lower()
    {
        var split = Split();
        var set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
        var options = Fast with { MaxEpochs = 6, LearningRate = 0.05 };
        using var single = SessionModelTrainer.Train(set, options).Model;
        var averagedRun = SessionModelTrainer.Train(set, options with { AverageEpochs = 3 });
        using var averaged = averagedRun.Model;

        var record = averagedRun.Record;
        var average = Assert.IsType<EpochAverage>(record.Average);
        Assert.Equal(record.BestEpoch, average.LastEpoch);
        Assert.InRange(average.FirstEpoch, record.BestEpoch - 2, record.BestEpoch - 1);
        Assert.True(average.ValidationLoss < record.Curve.Single(e => e.Epoch == record.BestEpoch).ValidationLoss);
        // Same seed, same epochs: only the averaging makes the weights differ.
        Assert.Equal(single.Metadata.Training!.BestEpoch, record.BestEpoch);
        Assert.Contains(single.Network.named_parameters().Zip(averaged.Network.named_parameters()),
            p => !p.First.parameter.allclose(p.Second.parameter, rtol: 0, atol: 0));

        // A first epoch has nothing before it to average with.
        var oneEpoch = SessionModelTrainer.Train(set, options with { MaxEpochs = 1, AverageEpochs = 3 });
        using var oneEpochModel = oneEpoch.Model;
        Assert.Null(oneEpoch.Record.Average);
    }

    [Fact]
    public void Training_is_reproducible_with_the_same_seed()
    {
        var split = Split();
        var set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
        var options = Fast with { MaxEpochs = 2 };
        using var a = SessionModelTrainer.Train(set, options).Model;
        using var b = SessionModelTrainer.Train(set, options).Model;

        foreach (var ((name, x), (_, y)) in a.Network.named_parameters().Zip(b.Network.named_parameters()))
            Assert.True(x.allclose(y, rtol: 0, atol: 0), $"parameter {name} differs between two seeded runs");
        Assert.Equal(a.Metadata.Version, b.Metadata.Version);
    }

    [Fact]
    public void A_trained_model_saves_with_its_record_and_steps_incrementally_as_in_the_full_forward()
    {
        var events = TestModels.Catalog(30);
        // Sessions with carts and purchases so every head trains.
        var clicks = new List<ClickEvent>();
        var random = new Random(4);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var s = 0; s < 60; s++)
        {
            for (var t = 0; t < 5; t++)
            {
                var type = t == 4 && s % 3 == 0 ? ClickType.Purchase : t == 3 ? ClickType.AddToCart : ClickType.ProductView;
                var e = events[random.Next(events.Count)];
                clicks.Add(e with { EventId = $"{s}-{t}", SessionId = $"s{s}", Type = type, Timestamp = start.AddMinutes(s).AddSeconds(t * 7) });
            }
        }
        var set = TrainingSets.FromEvents("fixture", clicks, datasetHasOutcomes: true, "abc");
        Assert.True(set.HasOutcomes);
        using var trained = SessionModelTrainer.Train(set, Fast with { MaxEpochs = 2 }).Model;
        var path = Path.Combine(_directory, "trained.jrnm");
        SessionModelFile.Save(path, trained);
        using var model = SessionModelFile.Load(path, torch.CPU);

        Assert.True(model.Metadata.Trained);
        Assert.Equal("abc", model.Metadata.Training!.DataSha256);
        Assert.Equal(2, model.Metadata.Training.Curve.Count);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var steps = TestModels.Session(model, new Random(8), 6);
        var sequence = torch.tensor(steps.SelectMany(TestModels.Indices).ToArray(), 1, steps.Length, 5);
        var full = model.Network.Forward(sequence);
        var h = torch.zeros(1, model.Metadata.Dimensions.HiddenSize);
        var c = torch.zeros(1, model.Metadata.Dimensions.HiddenSize);
        for (var t = 0; t < steps.Length; t++)
        {
            var step = model.Network.Step(sequence.select(1, t), h, c);
            Assert.True(step.H.allclose(full.H.select(1, t), rtol: 0, atol: 1e-5));
            Assert.True(step.SessionEmbedding.allclose(full.SessionEmbedding.select(1, t), rtol: 0, atol: 1e-5));
            Assert.True(step.Conversion.allclose(full.Conversion.select(1, t), rtol: 0, atol: 1e-5));
            (h, c) = (step.H, step.C);
        }
    }

    [Fact]
    public void On_labelled_data_the_outcome_heads_are_refit_where_the_validation_sessions_prefer_it_and_the_record_says_so()
    {
        var events = OutcomeData.Rees46.SelectMany(s => s);
        var set = TrainingSets.FromEvents("rees46", events, datasetHasOutcomes: true, "abc", maxItems: 500);
        var options = Fast with { MaxEpochs = 1, ValidationFraction = 0.1 };

        var result = SessionModelTrainer.Train(set, options);
        using var model = result.Model;
        var heads = result.Record.OutcomeHeads;

        Assert.NotNull(heads);
        Assert.True(heads.TrainingSteps > 1000 && heads.ValidationSteps > 100, $"{heads.TrainingSteps} / {heads.ValidationSteps} steps");
        Assert.Equal(heads.ConversionRefitLogLoss < heads.ConversionTrainedLogLoss, heads.ConversionRefit);
        Assert.Equal(heads.FrictionRefitLogLoss < heads.FrictionTrainedLogLoss, heads.FrictionRefit);
        using var unrefit = SessionModelTrainer.Train(set, options with { RefitOutcomeHeads = false }).Model;
        Assert.Null(unrefit.Metadata.Training!.OutcomeHeads);
        // Only the refit heads differ from the run that kept the trained ones.
        var refit = model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in unrefit.Network.named_parameters())
        {
            var changed = name.StartsWith("conversionHead", StringComparison.Ordinal) && heads.ConversionRefit
                || name.StartsWith("frictionHead", StringComparison.Ordinal) && heads.FrictionRefit;
            Assert.Equal(!changed, parameter.allclose(refit[name], rtol: 0, atol: 0));
        }
    }

    [Fact]
    public void Unknown_and_cold_items_encode_to_the_out_of_vocabulary_index()
    {
        var set = TrainingSets.FromItemSessions("x", [["a", "b"], ["never-in-vocabulary", "a"]], ["a", "b"], "none");
        Assert.Equal(0, set.Sessions[1].Steps[0].Product);
        Assert.Equal(1, set.Sessions[1].Steps[1].Product);
        Assert.Equal([2, 0], set.Sessions[0].NextItems);
    }

    [Fact]
    public void The_latest_sessions_are_kept_oldest_first_without_unknown_products()
    {
        var set = TrainingSets.FromItemSessions("x", [["a", "b"], ["x", "a"], ["b"], ["x"]], ["a", "b"], "none");

        var latest = SessionModelTrainer.LatestItemSessions(set, 2);

        Assert.Equal([["a"], ["b"]], latest);
        Assert.Equal(3, SessionModelTrainer.LatestItemSessions(set, 10).Count);
    }
}
