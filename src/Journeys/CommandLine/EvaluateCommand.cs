using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Journeys.Ingest.Datasets;
using System.Text.Json.Nodes;
using Journeys.Scoring.Evaluation.NextItem;
using Journeys.Scoring.Evaluation.Outcomes;
using Journeys.Scoring.Evaluation.Reports;
using Journeys.Scoring.Model;
using Journeys.Scoring.Training;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary><c>journeys evaluate</c>: a trained model and the same-run baselines on a next-item benchmark split.</summary>
internal static class EvaluateCommand
{
    public const string Diginetica = "diginetica-srgnn";
    public const string Rsc15 = "rsc15-100k";
    public static readonly string[] Datasets = [Diginetica, Rsc15];

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model")
        {
            Description = "Model file written by journeys train (trained on this dataset's training part)",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f) r.AddError($"--model '{f.FullName}' does not exist"); } },
        };
        var dataset = new Option<string?>("--dataset")
        {
            Description = $"Benchmark split: {string.Join(" | ", Datasets)}; or, with conversion and friction: {string.Join(" | ", OutcomeDatasets.Names)}",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !Datasets.Contains(v) && !OutcomeDatasets.Names.Contains(v)) r.AddError($"--dataset must be one of {string.Join(", ", Datasets.Concat(OutcomeDatasets.Names))}"); } },
        };
        var data = DataOption();
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON line last on stdout" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the markdown report and charts" };
        var baselines = new Option<string[]>("--baselines")
        {
            Description = "Baselines to run (default: all): pop spop itemknn sknn vsknn",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => NextItemEvaluator.DefaultBaselines().Select(b => b.Name).ToArray(),
        };
        var threads = new Option<int?>("--threads") { Description = "torch threads (default: one per core)" };
        var command = new Command("evaluate", "Evaluate a trained model and same-run baselines on a next-item benchmark split.")
        {
            model, dataset, data, json, output, baselines, threads,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(threads) is { } t) torch.set_num_threads(t);
            var name = parse.GetValue(dataset)!;
            SessionSplit? sessions = null;
            NextItemSplit split;
            if (OutcomeDatasets.Names.Contains(name))
            {
                var (path, format, readOptions) = OutcomeDatasets.Source(name, parse.GetValue(data)!);
                sessions = OutcomeDatasets.Split(DatasetReader.Read(path, format, readOptions));
                split = OutcomeDatasets.NextItem(name, sessions, TrainingSets.Sha256OfFiles(path));
            }
            else
            {
                split = LoadSplit(name, parse.GetValue(data)!);
            }
            Console.Error.WriteLine($"evaluate: {split.Name}: {split.Train.Count:N0} training sessions, {split.Test.Count:N0} test cases");
            using var scoring = SessionModelFile.Load(parse.GetValue(model)!.FullName, torch.CPU);
            var clock = Stopwatch.StartNew();
            var modelScores = NextItemEvaluator.EvaluateModel(scoring, split.Test);
            var modelSeconds = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"evaluate: model {Format(modelScores)} ({modelSeconds:F0} s)");
            var wanted = parse.GetValue(baselines)!.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var results = new List<BaselineResult>();
            foreach (var baseline in NextItemEvaluator.DefaultBaselines().Where(b => wanted.Contains(b.Name)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.Restart();
                var scores = NextItemEvaluator.EvaluateBaseline(baseline, split);
                results.Add(new BaselineResult(baseline.Name, baseline.Description, scores, clock.Elapsed.TotalSeconds));
                Console.Error.WriteLine($"evaluate: {baseline.Name} {Format(scores)} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            // Conversion and friction, on the same test sessions, against the engineered-features baseline.
            var extra = new Dictionary<string, JsonNode>();
            OutcomeReport? outcomes = null;
            if (sessions is not null)
            {
                outcomes = OutcomeEvaluation.Run([.. sessions.Train, .. sessions.Test], ModelOutcomes.Predictor(scoring),
                    new OutcomeEvaluationOptions { DatasetName = name });
                var node = JsonNode.Parse(outcomes.ToJson(indented: false))!.AsObject();
                foreach (var key in new[] { "conversion", "friction", "outcomeSplit" })
                {
                    if (node[key] is { } section)
                    {
                        extra[key] = section.DeepClone();
                    }
                }
                Console.Error.WriteLine($"evaluate: outcomes {node["conversion"]?.ToJsonString()} {node["friction"]?.ToJsonString()}");
            }
            var evaluation = new NextItemEvaluation(split.Name, split.Protocol, split.Test.Count, scoring.Metadata.Version, modelScores, results,
                scoring.Metadata.Training?.TrainSeconds, modelSeconds);
            if (scoring.Metadata.Training is { Dataset: var trainedOn } && trainedOn != split.Name)
            {
                Console.Error.WriteLine($"evaluate: warning: the model was trained on '{trainedOn}', not '{split.Name}'");
            }
            if (parse.GetValue(output) is { } folder)
            {
                var note = scoring.Metadata.Training is { } tr
                    ? string.Create(CultureInfo.InvariantCulture, $"Training: {tr.TrainSessions:N0} sessions (+{tr.ValidationSessions:N0} latest held out for early stopping), best epoch {tr.BestEpoch} of {tr.Curve.Count} ({tr.StopReason}), hidden {tr.Options.Dimensions.HiddenSize}, item embedding {tr.Options.Dimensions.ItemEmbeddingSize}, {(tr.Options.SampledNegatives > 0 ? $"sampled softmax ({tr.Options.SampledNegatives} shared negatives)" : "full softmax")}, data sha256 {tr.DataSha256[..12]}….")
                    : null;
                var report = EvaluationReport.Write(folder.FullName, evaluation, note);
                if (outcomes is not null)
                {
                    outcomes.WriteCharts(folder.FullName);
                    File.AppendAllText(report, Environment.NewLine + outcomes.ToMarkdown());
                }
                Console.Error.WriteLine($"evaluate: wrote {report}");
            }
            Console.WriteLine($"{split.Name}: {split.Test.Count:N0} test cases; model {Format(modelScores)}");
            foreach (var r in results) Console.WriteLine($"  {r.Name,-8} {Format(r.Scores)}");
            if (parse.GetValue(json)) Console.WriteLine(EvaluationJson.Write(evaluation, extra));
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Format(NextItemScores s) => string.Create(CultureInfo.InvariantCulture,
        $"HR@20 {s.Hr20 * 100:F2} % MRR@20 {s.Mrr20 * 100:F2} % HR@10 {s.Hr10 * 100:F2} % MRR@10 {s.Mrr10 * 100:F2} %");

    public static Option<string?> DatasetOption(bool required, string description) => new("--dataset")
    {
        Description = $"{description}: {string.Join(" | ", Datasets)}",
        Required = required,
        Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !Datasets.Contains(v)) r.AddError($"--dataset must be one of {string.Join(", ", Datasets)}"); } },
    };

    public static Option<DirectoryInfo> DataOption() => new("--data")
    {
        Description = "Folder of the shared datasets (default: $JOURNEYS_SHARED_DATA, else ../shared/data)",
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("JOURNEYS_SHARED_DATA") ?? Path.Combine("..", "shared", "data")),
    };

    /// <summary>
    /// The named split from the shared data folder. diginetica-srgnn: the SR-GNN files as they are (item i → id "i",
    /// vocabulary "1"…max so model indices equal the benchmark's). rsc15-100k: session-rec's train_full → test files
    /// under <see cref="NextItemSplit.FromTestSessions"/>.
    /// </summary>
    public static NextItemSplit LoadSplit(string name, DirectoryInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (name)
        {
            case Diginetica:
            {
                var folder = Path.Combine(data.FullName, "diginetica-cikm16");
                var trainPath = Path.Combine(folder, SrGnnSplitReader.TrainFileName);
                var testPath = Path.Combine(folder, SrGnnSplitReader.TestFileName);
                var split = SrGnnSplitReader.Read(trainPath, testPath);
                var items = Enumerable.Range(1, split.MaxItem).Select(Id).ToArray();
                var train = split.TrainSessions.Select(s => s.Select(Id).ToArray()).ToList();
                var test = split.TestCases.Select(c => new NextItemCase(c.Prefix.Select(Id).ToArray(), Id(c.Target))).ToList();
                return new NextItemSplit(Diginetica, train, items, test, TrainingSets.Sha256OfFiles(trainPath, testPath),
                    $"SR-GNN Diginetica split as published (Wu et al. 2019; GCE-GNN's files): {train.Count:N0} training sessions, " +
                    $"{test.Count:N0} test prefixes, each predicting its target; nothing filtered.");
            }
            case Rsc15:
            {
                var folder = Path.Combine(data.FullName, "yoochoose-rsc15");
                var trainPath = Path.Combine(folder, "rsc15_100k_train_full.tsv.gz");
                var testPath = Path.Combine(folder, "rsc15_100k_test.tsv.gz");
                return NextItemSplit.FromTestSessions(Rsc15, Sessions(trainPath), Sessions(testPath), TrainingSets.Sha256OfFiles(trainPath, testPath));
            }
            default:
                throw new ArgumentException($"unknown dataset '{name}'; use one of {string.Join(", ", Datasets)}", nameof(name));
        }

        static string Id(int item) => item.ToString(CultureInfo.InvariantCulture);
    }

    // Sessions in order of their first click, clicks in time order (the reader's stream order).
    private static List<string[]> Sessions(string path) =>
        TrainingSets.GroupSessions(DatasetReader.Read(path, DatasetFormat.Yoochoose))
            .Select(s => s.Select(e => e.ProductId!).ToArray())
            .ToList();
}
