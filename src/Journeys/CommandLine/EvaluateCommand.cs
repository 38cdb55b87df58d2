using System.CommandLine;
using System.Globalization;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Training;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary><c>journeys evaluate</c>: a trained model and the same-run baselines on a next-item benchmark split.</summary>
internal static class EvaluateCommand
{
    public const string Diginetica = "diginetica-srgnn";
    public const string Rsc15 = "rsc15-100k";
    public static readonly string[] Datasets = [Diginetica, Rsc15];

    /// <summary>What <c>--task</c> accepts; each has its own file.</summary>
    public const string NextItemTask = "next-item";
    public const string ForecastTask = "forecast";

    public const string PricingTask = "pricing";

    public const string AnnTask = "ann";

    public static readonly string[] Tasks = [NextItemTask, ForecastTask, PricingTask, AnnTask];

    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = $"What to evaluate: {string.Join(" | ", Tasks)} (default {NextItemTask})",
            DefaultValueFactory = _ => NextItemTask,
            Validators = { r => { if (r.GetValueOrDefault<string>() is { } v && !Tasks.Contains(v)) r.AddError($"--task must be one of {string.Join(", ", Tasks)}; got '{v}'"); } },
        };
        var model = new Option<FileInfo?>("--model")
        {
            Description = "Model file written by journeys train (for next-item: trained on this dataset's training part)",
            Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) r.AddError($"--model '{f.FullName}' does not exist"); } },
        };
        var dataset = new Option<string?>("--dataset")
        {
            Description = $"next-item: benchmark split {string.Join(" | ", Datasets)}; or, with conversion and friction: {string.Join(" | ", OutcomeDatasets.Names)}",
            Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !Datasets.Contains(v) && !OutcomeDatasets.Names.Contains(v)) r.AddError($"--dataset must be one of {string.Join(", ", Datasets.Concat(OutcomeDatasets.Names))}"); } },
        };
        var flags = new EvaluateFlags(
            task,
            model,
            dataset,
            DataOption(),
            new Option<bool>("--json") { Description = "Print the results as one JSON line last on stdout" },
            new Option<DirectoryInfo?>("--out") { Description = "Folder for the markdown report and charts" },
            new Option<int?>("--threads") { Description = "torch threads (default: one per core)" },
            // One seed for every task that samples: ann (queries, synthetic catalogs), pricing (the simulated market).
            new Option<int>("--seed") { Description = "Seed of what a task samples or simulates (ann, pricing; default 42)", DefaultValueFactory = _ => 42 });
        var command = new Command("evaluate", "Evaluate a model against same-run baselines: next-item recommendations (default), " +
            "and with --task the other models of the engine.")
        {
            flags.Task, flags.Model, flags.Dataset, flags.Data, flags.Json, flags.Out, flags.Threads, flags.Seed,
        };
        var nextItem = EvaluateNextItemTask.AddOptions(command, flags);
        var forecast = EvaluateForecastTask.AddOptions(command);
        var pricing = EvaluatePricingTask.AddOptions(command);
        var ann = EvaluateAnnTask.AddOptions(command);
        command.Validators.Add(r =>
        {
            var chosen = r.GetValue(flags.Task) ?? NextItemTask;
            if (chosen == NextItemTask)
            {
                // Its data (--dataset, or --train-file/--test-file) is checked by EvaluateNextItemTask.
                if (r.GetValue(flags.Model) is null) r.AddError("--task next-item needs --model FILE (a model written by journeys train)");
            }
            else if (chosen == ForecastTask)
            {
                // It always reads DIGINETICA's purchases table; a model or dataset given here would be silently ignored.
                if (r.GetValue(flags.Model) is not null) r.AddError("--task forecast takes no --model (it fits its forecasts from the purchases)");
                if (r.GetValue(flags.Dataset) is not null) r.AddError("--task forecast takes no --dataset (it reads diginetica-cikm16's purchases under --data)");
            }
            else if (chosen == PricingTask && (r.GetValue(flags.Dataset) is not null || r.GetValue(flags.Model) is not null))
            {
                r.AddError("--task pricing runs on a seeded simulated market; drop --dataset and --model (train the REES46 demand model with journeys train --task demand)");
            }
            else if (chosen == AnnTask)
            {
                if (r.GetValue(flags.Model) is null) r.AddError("--task ann needs --model FILE (its item table is indexed)");
                if (r.GetValue(flags.Dataset) is null) r.AddError($"--task ann needs --dataset (its test prefixes are the queries), one of {string.Join(", ", Datasets.Concat(OutcomeDatasets.Names))}");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(flags.Threads) is { } t) torch.set_num_threads(t);
            var chosen = parse.GetValue(flags.Task);
            return Task.FromResult(chosen switch
            {
                ForecastTask => forecast(parse, flags, cancellationToken),
                PricingTask => pricing(parse, flags, cancellationToken),
                AnnTask => ann(parse, flags, cancellationToken),
                _ => nextItem(parse, flags, cancellationToken),
            });
        });
        return command;
    }

    internal static string Format(NextItemScores s) => string.Create(CultureInfo.InvariantCulture,
        $"HR@20 {s.Hr20 * 100:F2} % MRR@20 {s.Mrr20 * 100:F2} % HR@10 {s.Hr10 * 100:F2} % MRR@10 {s.Mrr10 * 100:F2} %") +
        (s.Lists is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"; coverage@20 {l.Coverage20 * 100:F2} %, first item {l.MostCommonFirst} in {l.MostCommonFirstShare * 100:F1} % of cases, popularity percentile {l.PopularityPercentile:F1}")
            : string.Empty);

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
