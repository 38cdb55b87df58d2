using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Journeys.Ingest.Datasets;
using Journeys.Scoring.Evaluation.NextItem;
using Journeys.Scoring.Evaluation.Outcomes;
using Journeys.Scoring.Evaluation.Reports;
using Journeys.Scoring.Model;
using Journeys.Scoring.Training;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys evaluate --task next-item</c> (the default): a trained model and the same-run baselines on a next-item
/// benchmark split, plus conversion and friction on datasets with purchases.
/// </summary>
internal static class EvaluateNextItemTask
{
    /// <summary>Adds this task's own options to the command and returns its action.</summary>
    public static Func<ParseResult, EvaluateFlags, CancellationToken, int> AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var baselines = new Option<string[]>("--baselines")
        {
            Description = "next-item: baselines to run (default: all): pop spop itemknn sknn vsknn",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => NextItemEvaluator.DefaultBaselines().Select(b => b.Name).ToArray(),
        };
        command.Options.Add(baselines);
        var relations = new Option<bool>("--relations")
        {
            Description = "next-item: also blend the model with catalog co-view relations built from the training sessions " +
                "(weights chosen on the latest training sessions) and report model alone vs model + relations",
        };
        command.Options.Add(relations);
        return (parse, flags, cancellationToken) => Run(parse, flags, baselines, relations, cancellationToken);
    }

    private static int Run(ParseResult parse, EvaluateFlags flags, Option<string[]> baselines, Option<bool> relations, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(flags.Dataset)!;
        SessionSplit? sessions = null;
        NextItemSplit split;
        if (OutcomeDatasets.Names.Contains(name))
        {
            var (path, format, readOptions) = OutcomeDatasets.Source(name, parse.GetValue(flags.Data)!);
            sessions = OutcomeDatasets.Split(DatasetReader.Read(path, format, readOptions));
            split = OutcomeDatasets.NextItem(name, sessions, TrainingSets.Sha256OfFiles(path));
        }
        else
        {
            split = EvaluateCommand.LoadSplit(name, parse.GetValue(flags.Data)!);
        }
        Console.Error.WriteLine($"evaluate: {split.Name}: {split.Train.Count:N0} training sessions, {split.Test.Count:N0} test cases");
        using var scoring = SessionModelFile.Load(parse.GetValue(flags.Model)!.FullName, torch.CPU);
        var clock = Stopwatch.StartNew();
        NextItemScores modelScores;
        double modelSeconds;
        RelationComparison? comparison = null;
        if (parse.GetValue(relations))
        {
            // Same model pass and ranks as EvaluateModel, which also yields the candidates the blend needs.
            comparison = RelationEvaluation.Run(scoring, split, ValidationSessions(scoring, split), m => Console.Error.WriteLine($"evaluate: {m}"));
            modelScores = comparison.Model;
            modelSeconds = comparison.ModelSeconds;
            Console.Error.WriteLine($"evaluate: relations alone {EvaluateCommand.Format(comparison.RelationsOnly)}");
            Console.Error.WriteLine($"evaluate: model + relations {EvaluateCommand.Format(comparison.Blend)} (co-view {comparison.Weights.CoView}, recency decay {comparison.Weights.RecencyDecay}; {clock.Elapsed.TotalSeconds:F0} s)");
        }
        else
        {
            modelScores = NextItemEvaluator.EvaluateModel(scoring, split.Test);
            modelSeconds = clock.Elapsed.TotalSeconds;
        }
        Console.Error.WriteLine($"evaluate: model {EvaluateCommand.Format(modelScores)} ({modelSeconds:F0} s)");
        var wanted = parse.GetValue(baselines)!.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var results = new List<BaselineResult>();
        foreach (var baseline in NextItemEvaluator.DefaultBaselines().Where(b => wanted.Contains(b.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            var scores = NextItemEvaluator.EvaluateBaseline(baseline, split);
            results.Add(new BaselineResult(baseline.Name, baseline.Description, scores, clock.Elapsed.TotalSeconds));
            Console.Error.WriteLine($"evaluate: {baseline.Name} {EvaluateCommand.Format(scores)} ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        // Conversion and friction, on the same test sessions, against the engineered-features baseline.
        var extra = new Dictionary<string, JsonNode>();
        if (comparison is not null) extra["relations"] = comparison.ToJsonNode();
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
        if (parse.GetValue(flags.Out) is { } folder)
        {
            var note = scoring.Metadata.Training is { } tr
                ? string.Create(CultureInfo.InvariantCulture, $"Training: {tr.TrainSessions:N0} sessions (+{tr.ValidationSessions:N0} latest held out for early stopping), best epoch {tr.BestEpoch} of {tr.Curve.Count} ({tr.StopReason}), hidden {tr.Options.Dimensions.HiddenSize}, item embedding {tr.Options.Dimensions.ItemEmbeddingSize}, {(tr.Options.SampledNegatives > 0 ? $"sampled softmax ({tr.Options.SampledNegatives} shared negatives)" : "full softmax")}, data sha256 {tr.DataSha256[..12]}….")
                : null;
            var report = EvaluationReport.Write(folder.FullName, evaluation, note);
            if (comparison is not null) File.AppendAllText(report, Environment.NewLine + comparison.ToMarkdown());
            if (outcomes is not null)
            {
                outcomes.WriteCharts(folder.FullName);
                File.AppendAllText(report, Environment.NewLine + outcomes.ToMarkdown());
            }
            Console.Error.WriteLine($"evaluate: wrote {report}");
        }
        Console.WriteLine($"{split.Name}: {split.Test.Count:N0} test cases; model {EvaluateCommand.Format(modelScores)}");
        foreach (var r in results) Console.WriteLine($"  {r.Name,-8} {EvaluateCommand.Format(r.Scores)}");
        if (comparison is not null)
        {
            Console.WriteLine($"  {"model + relations",-8} {EvaluateCommand.Format(comparison.Blend)}");
            Console.WriteLine($"  {"relations alone",-8} {EvaluateCommand.Format(comparison.RelationsOnly)}");
        }
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
