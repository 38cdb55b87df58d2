using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Model;
using Journeys.Scoring.Tests;

namespace Journeys.Benchmarks.Lab.Evaluation.Outcomes;

/// <summary>
/// The outcome evaluation of the seeded (untrained) default-size model and the baseline on the REES46 sample and, when
/// the shared copies exist, the DIGINETICA journeys; prints markdown and JSON and writes the charts to CHART-FOLDER (else
/// JOURNEYS_OUTCOME_CHARTS, else a temporary folder it names). Quality figures, not timings; <c>journeys evaluate</c>
/// reports the same for a trained model file only, so the untrained starting point is measured here (until 2026-11-29
/// by a test). Run:
/// <c>dotnet run -c Release --project benchmarks -- seeded-outcomes [CHART-FOLDER]</c>
/// </summary>
internal static class SeededOutcomesReport
{
    public const string Command = "seeded-outcomes";

    public static void Write(string? chartFolder, TextWriter output)
    {
        var charts = chartFolder
            ?? Environment.GetEnvironmentVariable("JOURNEYS_OUTCOME_CHARTS")
            ?? Directory.CreateTempSubdirectory("journeys-outcomes-").FullName;
        Measure("REES46 2019-Oct first 17,434 events", OutcomeData.Rees46, Path.Combine(charts, "rees46"), output);
        if (OutcomeData.DigineticaJourneys() is { } diginetica)
        {
            Measure("DIGINETICA views sample + purchases", diginetica, Path.Combine(charts, "diginetica-journeys"), output);
        }
        else
        {
            output.WriteLine("DIGINETICA: shared copies absent, skipped");
        }
    }

    private static void Measure(string name, IReadOnlyList<IReadOnlyList<ClickEvent>> sessions, string chartDirectory, TextWriter output)
    {
        using var model = SeededModel.Create(sessions.SelectMany(s => s), seed: 42);
        var report = OutcomeEvaluation.Run(sessions, ModelOutcomes.Predictor(model), new OutcomeEvaluationOptions { DatasetName = name });
        output.WriteLine(report.ToMarkdown());
        output.WriteLine(report.ToJson(indented: false));
        foreach (var path in report.WriteCharts(chartDirectory))
        {
            output.WriteLine($"chart: {path}");
        }
    }
}
