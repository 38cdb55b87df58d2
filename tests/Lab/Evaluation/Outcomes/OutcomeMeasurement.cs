using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Model;
using Journeys.Scoring.Tests;
using Xunit.Abstractions;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

/// <summary>
/// The outcome evaluation of the seeded (untrained) default-size model and the baseline on the REES46 sample and, when
/// the shared copies exist, the DIGINETICA journeys; prints markdown and JSON, writes the charts to
/// JOURNEYS_OUTCOME_CHARTS (or a temporary folder it names). Run:
/// <c>JOURNEYS_MEASURE=1 dotnet test tests/Scoring -c Release --filter OutcomeMeasurement --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class OutcomeMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Seeded_model_and_baseline_on_REES46_and_DIGINETICA()
    {
        var charts = Environment.GetEnvironmentVariable("JOURNEYS_OUTCOME_CHARTS")
            ?? Directory.CreateTempSubdirectory("journeys-outcomes-").FullName;
        Measure("REES46 2019-Oct first 17,434 events", OutcomeData.Rees46, Path.Combine(charts, "rees46"));
        if (OutcomeData.DigineticaJourneys() is { } diginetica)
        {
            Measure("DIGINETICA views sample + purchases", diginetica, Path.Combine(charts, "diginetica-journeys"));
        }
        else
        {
            output.WriteLine("DIGINETICA: shared copies absent, skipped");
        }
    }

    private void Measure(string name, IReadOnlyList<IReadOnlyList<ClickEvent>> sessions, string chartDirectory)
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
