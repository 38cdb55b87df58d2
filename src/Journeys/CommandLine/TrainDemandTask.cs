using System.Diagnostics;
using System.Globalization;
using Journeys.Demo;
using Journeys.Engine.Hosting;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Lab.Pricing;
using Journeys.Lab.Training;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys train --task demand</c>: the pricing demand model from a dataset with prices and purchases (default: the
/// bundled REES46 sample), with the session model's conversion and friction as inputs (default: the bundled model).
/// </summary>
internal static class TrainDemandTask
{
    public static int Run(FileInfo? file, string? format, FileInfo? sessionModel, FileInfo output, int? threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (threads is { } t) torch.set_num_threads(t);
        var clock = Stopwatch.StartNew();
        var path = file?.FullName ?? BundledData.SamplePath;
        var datasetFormat = format is null ? DatasetFormat.Rees46 : DatasetFormats.Parse(format);
        if (!OutcomeDatasets.HasOutcomes(datasetFormat))
        {
            Console.Error.WriteLine($"train: --task demand needs prices and purchases; format '{DatasetFormats.ToName(datasetFormat)}' has no purchases. Use rees46.");
            return 2;
        }
        var sessions = OutcomeEvaluation.GroupBySession(DatasetReader.Read(path, datasetFormat));
        var modelPath = sessionModel?.FullName ?? BundledModels.ModelPath;
        using var scoring = SessionModelFile.Load(modelPath, torch.CPU);
        Console.Error.WriteLine($"train: demand: {sessions.Count:N0} sessions from {Path.GetFileName(path)}, session model {scoring.Metadata.Version} (read in {clock.Elapsed.TotalSeconds:F1} s)");
        cancellationToken.ThrowIfCancellationRequested();
        var provenance = new DemandProvenance($"{DatasetFormats.ToName(datasetFormat)} {Path.GetFileName(path)}", TrainingSets.Sha256OfFiles(path),
            scoring.Metadata.Version, DateTimeOffset.UtcNow);
        var model = DemandTraining.Run(sessions, ModelOutcomes.Predictor(scoring), provenance, line => Console.Error.WriteLine($"train: demand: {line}"));
        model.Save(output.FullName);

        var r = model.Record;
        var e = r.Evaluation!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demand model {r.Version}: {r.TrainingRows:N0} training rows ({r.TrainingPurchases:N0} bought), price effect identified {r.Identification}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  price: ∂logit P/∂ln p {r.Elasticity.LogitPerLogPrice:F3} (elasticity {r.Elasticity.PriceElasticity:F3}); across products {r.Elasticity.AcrossProducts:F3} = vs category {r.Elasticity.RelativeToCategory:F3} + level {r.Elasticity.PriceLevel:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  held out ({e.TestRows:N0} rows, {e.TestPurchases:N0} bought): AUC {e.Auc:F3} ± {e.AucStandardError:F3} (s.e.) log-loss {e.LogLoss:F4} Brier {e.Brier:F4}; no-price baseline AUC {e.BaselineAuc:F3} log-loss {e.BaselineLogLoss:F4} Brier {e.BaselineBrier:F4}; constant rate log-loss {e.PriorLogLoss:F4}"));
        Console.WriteLine($"  {r.Note}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output.FullName} ({new FileInfo(output.FullName).Length / 1024.0:F1} KiB) in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
