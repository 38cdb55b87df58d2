using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Evaluation.Reports;
using Journeys.Lab.Training;
using Journeys.Scoring.Model;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys train</c>: trains the served session model on a dataset file (any reader format) or on the training
/// part of a benchmark split, and writes one model file plus its learning-curve chart. With <c>--task demand</c> it
/// trains the pricing demand model instead (<see cref="TrainDemandTask"/>).
/// </summary>
internal static class TrainCommand
{
    public const string SessionTask = "session";
    public const string DemandTask = "demand";
    public static readonly string[] Tasks = [SessionTask, DemandTask];

    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = $"What to train: {SessionTask} (the session model, default) | {DemandTask} (the pricing demand model; --file defaults to the bundled REES46 sample)",
            DefaultValueFactory = _ => SessionTask,
            Validators = { r => { if (r.GetValueOrDefault<string>() is { } v && !Tasks.Contains(v)) r.AddError($"--task must be one of {string.Join(", ", Tasks)}; got '{v}'"); } },
        };
        var sessionModel = new Option<FileInfo?>("--model")
        {
            Description = "demand: session model whose conversion and friction are the demand model's inputs (default: the bundled model)",
            Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) r.AddError($"--model '{f.FullName}' does not exist"); } },
        };
        var dataset = EvaluateCommand.DatasetOption(required: false, "Benchmark split whose training part to use");
        var data = EvaluateCommand.DataOption();
        var file = new Option<FileInfo?>("--file")
        {
            Description = "Dataset file (.gz read directly); with --format",
            Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) r.AddError($"--file '{f.FullName}' does not exist"); } },
        };
        var trainFile = new Option<FileInfo?>("--train-file")
        {
            Description = "Train the next-item model on exactly this file's sessions (with --format; nothing held out but the latest --validation fraction), " +
                "as journeys evaluate --train-file reads it",
            Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) r.AddError($"--train-file '{f.FullName}' does not exist"); } },
        };
        var categories = new Option<FileInfo?>("--categories") { Description = "diginetica formats: product-categories.csv(.gz)" };
        var purchases = new Option<FileInfo?>("--purchases") { Description = "diginetica-journeys: train-purchases.csv(.gz)" };
        var format = new Option<string?>("--format")
        {
            Description = $"Format of --file or --train-file: {string.Join(" | ", DatasetFormats.Names)}",
            Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !DatasetFormats.TryParse(v, out _)) r.AddError($"--format must be one of {string.Join(", ", DatasetFormats.Names)}"); } },
        };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (demand: a JSON file)", Required = true };
        var chart = new Option<FileInfo?>("--chart") { Description = "Learning-curve PNG (default: the model path + .curve.png)" };
        var defaults = new TrainingOptions();
        var epochs = Flags.Positive("--epochs", "Most epochs (early stopping may end sooner)", defaults.MaxEpochs, 1000);
        var patience = Flags.Positive("--patience", "Epochs without a better validation loss before stopping", defaults.Patience, 1000);
        var hidden = Flags.Positive("--hidden", "LSTM hidden size (each session keeps 2 × this many floats)", defaults.Dimensions.HiddenSize, 4096);
        var embedding = Flags.Positive("--embedding", "Action embedding size", defaults.Dimensions.EmbeddingSize, 4096);
        var itemEmbedding = Flags.Positive("--item-embedding", "Item embedding size (= session embedding size, tied scoring table)", defaults.Dimensions.ItemEmbeddingSize, 4096);
        var normalizedScale = new Option<float>("--normalized-scale")
        {
            Description = "NISER: L2-normalize item and session embeddings and scale the session's by this σ (0 = plain dot product)",
            DefaultValueFactory = _ => defaults.Dimensions.NormalizedScale,
            Validators = { r => { if (r.GetValueOrDefault<float>() is var v && !(v >= 0 && v <= 1000)) r.AddError("--normalized-scale must be 0 (off) or a scale up to 1000, e.g. 12"); } },
        };
        var dropout = new Option<double>("--dropout")
        {
            Description = "Dropout on the step's item embedding and on the hidden state the session embedding reads (training only)",
            DefaultValueFactory = _ => defaults.Dropout,
            Validators = { r => { if (r.GetValueOrDefault<double>() is var v && !(v >= 0 && v < 1)) r.AddError("--dropout must be in [0, 1)"); } },
        };
        var batchEvents = Flags.Positive("--batch-events", "Most padded events per batch", defaults.BatchEvents, 1 << 20);
        var negatives = new Option<int?>("--negatives")
        {
            Description = "Sampled softmax with this many shared uniform negatives per batch (0 = full softmax; " +
                $"default {TrainingOptions.AutoNegatives} above {TrainingOptions.FullSoftmaxItems:N0} items, else full softmax)",
            Validators = { r => { if (r.GetValueOrDefault<int?>() < 0) r.AddError("--negatives must be 0 (full softmax) or positive"); } },
        };
        var logQ = new Option<bool>("--logq")
        {
            Description = "With --negatives: correct sampled logits by the log of each candidate's sampling frequency (true | false)",
            DefaultValueFactory = _ => defaults.PopularityCorrection,
        };
        var spans = new Option<int>("--chronological")
        {
            Description = "Cut the training sessions into this many spans of time and train each epoch oldest span first (0 = one random order)",
            DefaultValueFactory = _ => defaults.ChronologicalSpans,
            Validators = { r => { if (r.GetValueOrDefault<int>() is var v && v is < 0 or > 10_000) r.AddError("--chronological must be 0 (one random order) or a number of spans up to 10000, e.g. 20"); } },
        };
        var averageEpochs = Flags.Positive("--average-epochs", "Average the kept epoch's weights with up to this many − 1 epochs before it where that lowers the validation loss (1 = off)", defaults.AverageEpochs, 100);
        var maxItems = Flags.Positive("--max-items", "Item vocabulary cap for --file (most frequent first; the rest are OOV)", SeededModel.DefaultMaxItems, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
        var lr = Flags.PositiveDouble("--lr", $"Adam learning rate (default {defaults.LearningRate})");
        var lrDecay = Flags.PositiveDouble("--lr-decay", $"Learning-rate factor per epoch (default {defaults.LearningRateDecay})");
        var validationFraction = Flags.PositiveDouble("--validation", $"Latest fraction of training sessions held out for early stopping (default {defaults.ValidationFraction})");
        var budget = Flags.PositiveDouble("--time-budget", "Stop after this many minutes of training (best epoch kept)");
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: one per core)" };
        var command = new Command("train", "Train the session model (or, with --task demand, the pricing demand model) and write a model file.")
        {
            task, sessionModel, dataset, data, file, trainFile, format, categories, purchases, output, chart, epochs, patience, hidden, embedding, itemEmbedding, normalizedScale, dropout, batchEvents, negatives, logQ, spans, averageEpochs, maxItems,
            seed, lr, lrDecay, validationFraction, budget, threads,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(task) == DemandTask)
            {
                if (r.GetValue(dataset) is not null) r.AddError("--task demand reads a file with prices and purchases (--file, default the bundled REES46 sample), not a --dataset split");
                return;
            }
            if (r.GetValue(sessionModel) is not null) r.AddError("--model is the session model for --task demand; training a session model starts from scratch");
            var sources = (r.GetValue(dataset) is null ? 0 : 1) + (r.GetValue(file) is null ? 0 : 1) + (r.GetValue(trainFile) is null ? 0 : 1);
            if (sources != 1) r.AddError("give one of --dataset (a benchmark split), --file with --format, or --train-file with --format");
            if ((r.GetValue(file) is not null || r.GetValue(trainFile) is not null) && r.GetValue(format) is null) r.AddError("--file and --train-file need --format");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(task) == DemandTask)
            {
                return Task.FromResult(TrainDemandTask.Run(parse.GetValue(file), parse.GetValue(format), parse.GetValue(sessionModel), parse.GetValue(output)!,
                    parse.GetValue(threads), cancellationToken));
            }
            var clock = Stopwatch.StartNew();
            TrainingSet set;
            if (parse.GetValue(dataset) is { } name)
            {
                var split = EvaluateCommand.LoadSplit(name, parse.GetValue(data)!);
                set = TrainingSets.FromItemSessions(split.Name, split.Train, split.Items, split.DataSha256);
            }
            else if (parse.GetValue(trainFile) is { } sessionsFile)
            {
                set = ItemSessionFiles.TrainingSet(sessionsFile.FullName, DatasetFormats.Parse(parse.GetValue(format)!));
            }
            else
            {
                var path = parse.GetValue(file)!.FullName;
                var datasetFormat = DatasetFormats.Parse(parse.GetValue(format)!);
                var events = DatasetReader.Read(path, datasetFormat,
                    new DatasetReadOptions(parse.GetValue(categories)?.FullName, parse.GetValue(purchases)?.FullName));
                // Only these formats record carts and purchases; the others would fake "never converts" labels.
                var hasOutcomes = OutcomeDatasets.HasOutcomes(datasetFormat);
                if (hasOutcomes)
                {
                    // The latest 20 % of sessions stay unseen: journeys evaluate scores conversion and friction on them.
                    events = OutcomeDatasets.TrainingPart(events);
#pragma warning disable VSTHRD103 // A synchronous command body (the Task is only System.CommandLine's action shape).
                    Console.Error.WriteLine("train: the latest 20 % of sessions (by start time) are held out for journeys evaluate");
#pragma warning restore VSTHRD103
                }
                set = TrainingSets.FromEvents(DatasetFormats.ToName(datasetFormat), events, hasOutcomes,
                    TrainingSets.Sha256OfFiles(path), parse.GetValue(maxItems));
            }
#pragma warning disable VSTHRD103 // As above: a synchronous command body.
            Console.Error.WriteLine($"train: {set.Name}: {set.Sessions.Count:N0} sessions, {set.Events:N0} events, " +
                $"{set.Encoder.Products.Count:N0} items, outcomes {(set.HasOutcomes ? "labelled" : "masked")} (read in {clock.Elapsed.TotalSeconds:F1} s)");
#pragma warning restore VSTHRD103

            var options = defaults with
            {
                Dimensions = defaults.Dimensions with
                {
                    HiddenSize = parse.GetValue(hidden),
                    EmbeddingSize = parse.GetValue(embedding),
                    ItemEmbeddingSize = parse.GetValue(itemEmbedding),
                    NormalizedScale = parse.GetValue(normalizedScale),
                },
                Dropout = parse.GetValue(dropout),
                Seed = parse.GetValue(seed),
                MaxEpochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                BatchEvents = parse.GetValue(batchEvents),
                SampledNegatives = parse.GetValue(negatives),
                PopularityCorrection = parse.GetValue(logQ),
                ChronologicalSpans = parse.GetValue(spans),
                AverageEpochs = parse.GetValue(averageEpochs),
                LearningRate = parse.GetValue(lr) ?? defaults.LearningRate,
                LearningRateDecay = parse.GetValue(lrDecay) ?? defaults.LearningRateDecay,
                ValidationFraction = parse.GetValue(validationFraction) ?? defaults.ValidationFraction,
                TimeBudgetMinutes = parse.GetValue(budget),
                Threads = parse.GetValue(threads),
            };
            var result = SessionModelTrainer.Train(set, options, new SynchronousProgress(Console.Error), cancellationToken);
            using var model = result.Model;
            ChooseBlendWeights(set, options, model);
            var modelPath = parse.GetValue(output)!.FullName;
            SessionModelFile.Save(modelPath, model);
            var chartPath = parse.GetValue(chart)?.FullName ?? modelPath + ".curve.png";
            LearningCurveChart.Save(chartPath, result.Record);
            foreach (var e in result.Record.Curve)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {e.Epoch}: train loss {e.TrainLoss:F4}, validation loss {e.ValidationLoss:F4}, validation HR@20 {e.ValidationHr20:P2} MRR@20 {e.ValidationMrr20:P2}, lr {e.LearningRate:G3}, {e.Seconds:F0} s, {e.EventsPerSecond:N0} events/s"));
            }
            if (result.Record.Average is { } average)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"kept the average of epochs {average.FirstEpoch}–{average.LastEpoch}: validation loss {average.ValidationLoss:F4}, validation HR@20 {average.ValidationHr20:P2} MRR@20 {average.ValidationMrr20:P2}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {modelPath} ({new FileInfo(modelPath).Length / 1e6:F1} MB), version {model.Metadata.Version}, best epoch {result.Record.BestEpoch} ({result.Record.StopReason}), " +
                $"trained in {result.Record.TrainSeconds:F0} s; chart {chartPath}"));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// Chooses the weights the engine blends this model with (relations and session neighbours) on the same latest
    /// sessions that chose its epoch, relations and neighbours built from the sessions it trained on, and stores them in
    /// the model: the engine serves with them, and journeys evaluate scores served with them.
    /// </summary>
    private static void ChooseBlendWeights(TrainingSet set, TrainingOptions options, ScoringModel model)
    {
        var (train, validation) = SessionModelTrainer.SplitValidation(set.Sessions, options.ValidationFraction);
        var fit = train.Select(s => SessionModelTrainer.ItemIds(set, s)).Where(s => s.Length > 0).ToList();
        var check = validation.Select(s => SessionModelTrainer.ItemIds(set, s)).Where(s => s.Length > 1).ToList();
        if (fit.Count == 0 || check.Count == 0)
        {
            Console.Error.WriteLine("train: too few sessions to choose blend weights; the engine's defaults apply");
            return;
        }
        var tuning = RelationEvaluation.ChooseWeights(model, fit, check, log: m => Console.Error.WriteLine($"train: {m}"));
        model.AttachBlendWeights(tuning.Best.Weights);
        var w = tuning.Best.Weights;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"blend weights (chosen on the validation sessions): co-view {w.CoView}, recency decay {w.RecencyDecay}, session neighbours {w.SessionNeighbours}, recently viewed {w.RecentlyViewed} decay {w.RecentlyViewedDecay}; validation HR@20 {tuning.Model.Hr20:P2} (model) → {tuning.Best.Scores.Hr20:P2} (served), MRR@20 {tuning.Model.Mrr20:P2} → {tuning.Best.Scores.Mrr20:P2}"));
    }

    /// <summary>Writes each report as a line at once: the trainer reports from its own thread, and Progress&lt;T&gt; would post to the pool.</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => writer.WriteLine($"train: {value}");
    }
}
