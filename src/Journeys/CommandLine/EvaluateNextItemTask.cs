using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Lab.Evaluation.Reports;
using Journeys.Lab.Training;
using Journeys.Scoring.Model;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys evaluate --task next-item</c> (the default): a trained model and the same-run baselines on a next-item
/// benchmark split, plus conversion and friction on datasets with purchases.
/// </summary>
internal static class EvaluateNextItemTask
{
    /// <summary>Adds this task's own options to the command and returns its action.</summary>
    public static Func<ParseResult, EvaluateFlags, CancellationToken, int> AddOptions(Command command, EvaluateFlags flags)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(flags);
        var trainFile = ExistingFile("--train-file", "next-item: a clickstream file whose sessions trained the model (with --test-file and --format, instead of --dataset)");
        var testFile = ExistingFile("--test-file", "next-item: a clickstream file of later sessions to test on: items unseen in --train-file removed, sessions under 2 clicks dropped, every prefix predicts its next click");
        var format = new Option<string?>("--format")
        {
            Description = $"next-item: format of --train-file and --test-file: {string.Join(" | ", DatasetFormats.Names)}",
            Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !DatasetFormats.TryParse(v, out _)) r.AddError($"--format must be one of {string.Join(", ", DatasetFormats.Names)}"); } },
        };
        command.Options.Add(trainFile);
        command.Options.Add(testFile);
        command.Options.Add(format);
        command.Validators.Add(r =>
        {
            var files = r.GetValue(trainFile) is not null || r.GetValue(testFile) is not null;
            // Unset, the task is next-item (the option's default is not always applied when validators run).
            if (r.GetValue(flags.Task) is { } chosen && chosen != EvaluateCommand.NextItemTask)
            {
                if (files) r.AddError("--train-file and --test-file belong to --task next-item");
                return;
            }
            if (files)
            {
                if (r.GetValue(trainFile) is null || r.GetValue(testFile) is null) r.AddError("--train-file and --test-file go together");
                if (r.GetValue(format) is null) r.AddError("--train-file and --test-file need --format");
                if (r.GetValue(flags.Dataset) is not null) r.AddError("give either --dataset or --train-file/--test-file, not both");
            }
            else if (r.GetValue(flags.Dataset) is null)
            {
                r.AddError($"--task next-item needs --dataset, one of {string.Join(", ", EvaluateCommand.Datasets.Concat(OutcomeDatasets.Names))}, or --train-file F --test-file F --format X");
            }
        });
        var baselines = new Option<string[]>("--baselines")
        {
            Description = "next-item: baselines to run (default: all): pop spop itemknn sknn vsknn",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => NextItemEvaluator.DefaultBaselines().Select(b => b.Name).ToArray(),
        };
        command.Options.Add(baselines);
        var relations = new Option<bool>("--relations")
        {
            Description = "next-item: add the details of the served blend (the weights tried on the latest training sessions, relations alone) to the JSON",
        };
        command.Options.Add(relations);
        var files = new SplitFiles(trainFile, testFile, format);
        return (parse, flags, cancellationToken) => Run(parse, flags, files, baselines, relations, cancellationToken);
    }

    private sealed record SplitFiles(Option<FileInfo?> Train, Option<FileInfo?> Test, Option<string?> Format);

    private static Option<FileInfo?> ExistingFile(string name, string description) => new(name)
    {
        Description = description,
        Validators = { r => { if (r.GetValueOrDefault<FileInfo?>() is { Exists: false } f) r.AddError($"{name} '{f.FullName}' does not exist"); } },
    };

    private static int Run(ParseResult parse, EvaluateFlags flags, SplitFiles files, Option<string[]> baselines, Option<bool> relations, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(flags.Dataset);
        SessionSplit? sessions = null;
        NextItemSplit split;
        if (parse.GetValue(files.Train) is { } trainFile)
        {
            split = ItemSessionFiles.Split(trainFile.FullName, parse.GetValue(files.Test)!.FullName, DatasetFormats.Parse(parse.GetValue(files.Format)!));
            name = split.Name;
        }
        else if (OutcomeDatasets.Names.Contains(name!))
        {
            var (path, format, readOptions) = OutcomeDatasets.Source(name!, parse.GetValue(flags.Data)!);
            sessions = OutcomeDatasets.Split(DatasetReader.Read(path, format, readOptions));
            split = OutcomeDatasets.NextItem(name!, sessions, TrainingSets.Sha256OfFiles(path));
        }
        else
        {
            split = EvaluateCommand.LoadSplit(name!, parse.GetValue(flags.Data)!);
        }
        Console.Error.WriteLine($"evaluate: {split.Name}: {split.Train.Count:N0} training sessions, {split.Test.Count:N0} test cases");
        using var scoring = SessionModelFile.Load(parse.GetValue(flags.Model)!.FullName, torch.CPU);
        var clock = Stopwatch.StartNew();
        // What the engine serves — the model's candidates blended with the session's relations, weights chosen on the
        // latest training sessions — and, from the same pass, the model alone.
        var comparison = RelationEvaluation.Run(scoring, split, ValidationSessions(scoring, split), m => Console.Error.WriteLine($"evaluate: {m}"));
        var modelScores = comparison.Model;
        var modelSeconds = comparison.ModelSeconds;
        Console.Error.WriteLine($"evaluate: served (model + relations + session neighbours + recently viewed) {EvaluateCommand.Format(comparison.Blend)} (co-view {comparison.Weights.CoView}, recency decay {comparison.Weights.RecencyDecay}, neighbours {comparison.Weights.SessionNeighbours}, recently viewed {comparison.Weights.RecentlyViewed} decay {comparison.Weights.RecentlyViewedDecay}; {clock.Elapsed.TotalSeconds:F0} s)");
        Console.Error.WriteLine($"evaluate: served without recently viewed {EvaluateCommand.Format(comparison.Parts.WithoutRecentlyViewed)}");
        Console.Error.WriteLine($"evaluate: served, product on screen excluded {EvaluateCommand.Format(comparison.BlendAfterRules)}");
        Console.Error.WriteLine($"evaluate: model + relations {EvaluateCommand.Format(comparison.Parts.ModelAndRelations)}");
        Console.Error.WriteLine($"evaluate: model + neighbours {EvaluateCommand.Format(comparison.Parts.ModelAndNeighbours)}");
        Console.Error.WriteLine($"evaluate: relations alone {EvaluateCommand.Format(comparison.Parts.RelationsOnly)}");
        Console.Error.WriteLine($"evaluate: neighbours alone {EvaluateCommand.Format(comparison.Parts.NeighboursOnly)}");
        Console.Error.WriteLine($"evaluate: model {EvaluateCommand.Format(modelScores)} ({modelSeconds:F0} s)");
        var wanted = parse.GetValue(baselines)!.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var results = new List<BaselineResult>();
        foreach (var baseline in NextItemEvaluator.DefaultBaselines().Where(b => wanted.Contains(b.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            var scores = NextItemEvaluator.EvaluateBaseline(baseline, split, new RecommendationLists(split));
            results.Add(new BaselineResult(baseline.Name, baseline.Description, scores, clock.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"evaluate: {baseline.Name} {EvaluateCommand.Format(scores)} ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        // Conversion and friction, on the same test sessions, against the engineered-features baseline.
        var extra = new Dictionary<string, JsonNode>();
        if (parse.GetValue(relations)) extra["relations"] = comparison.ToJsonNode();
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
            scoring.Metadata.Training?.TrainSeconds, modelSeconds)
        {
            Served = comparison.Blend,
        };
        if (scoring.Metadata.Training is { Dataset: var trainedOn } && trainedOn != split.Name)
        {
            Console.Error.WriteLine($"evaluate: warning: the model was trained on '{trainedOn}', not '{split.Name}'");
        }
        if (parse.GetValue(flags.Out) is { } folder)
        {
            var note = scoring.Metadata.Training is { } tr
                ? string.Create(CultureInfo.InvariantCulture, $"Training: {tr.TrainSessions:N0} sessions (+{tr.ValidationSessions:N0} latest held out for early stopping), best epoch {tr.BestEpoch} of {tr.Curve.Count} ({tr.StopReason}), hidden {tr.Options.Dimensions.HiddenSize}, item embedding {tr.Options.Dimensions.ItemEmbeddingSize}, {(tr.Options.SampledNegatives is > 0 ? $"sampled softmax ({tr.Options.SampledNegatives} shared negatives)" : "full softmax")}, data sha256 {tr.DataSha256[..12]}….")
                : null;
            var report = EvaluationReport.Write(folder.FullName, evaluation, note);
            var blendChart = comparison.WriteChart(folder.FullName, split.Name);
            File.AppendAllText(report, Environment.NewLine + comparison.ToMarkdown() + $"{Environment.NewLine}![the blend part by part]({blendChart}){Environment.NewLine}");
            if (outcomes is not null)
            {
                outcomes.WriteCharts(folder.FullName);
                File.AppendAllText(report, Environment.NewLine + outcomes.ToMarkdown());
            }
            Console.Error.WriteLine($"evaluate: wrote {report}");
        }
        Console.WriteLine($"{split.Name}: {split.Test.Count:N0} test cases");
        Console.WriteLine($"  {"served",-8} {EvaluateCommand.Format(comparison.Blend)}");
        Console.WriteLine($"  {"model",-8} {EvaluateCommand.Format(modelScores)}");
        foreach (var r in results) Console.WriteLine($"  {r.Name,-8} {EvaluateCommand.Format(r.Scores)}");
        if (parse.GetValue(flags.Json)) Console.WriteLine(EvaluationJson.Write(evaluation, extra));
        return 0;
    }

    /// <summary>
    /// The training sessions that choose the blend weights: those the model held out for early stopping when it was
    /// trained on this split (the latest ones, unseen by its weights), else the latest 5 %.
    /// </summary>
    private static int ValidationSessions(ScoringModel scoring, NextItemSplit split)
    {
        if (scoring.Metadata.Training is { ValidationSessions: > 0 } training && training.Dataset == split.Name
            && training.TrainSessions + training.ValidationSessions == split.Train.Count)
        {
            return training.ValidationSessions;
        }
        return Math.Max(1, (int)Math.Round(split.Train.Count * 0.05));
    }
}
