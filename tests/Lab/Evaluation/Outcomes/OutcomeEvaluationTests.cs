using System.Text.Json;
using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;
using Journeys.Scoring.Model;
using Journeys.Scoring.Tests;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

/// <summary>End to end on the bundled REES46 sample with the seeded (untrained) model: shape and sanity, not quality.</summary>
public sealed class OutcomeEvaluationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-outcomes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Seeded_model_on_the_REES46_sample_gives_a_complete_report_in_sane_ranges()
    {
        var sessions = OutcomeData.Rees46;
        using var model = SeededModel.Create(sessions.SelectMany(s => s), seed: 42, TestModels.Tiny);
        var report = OutcomeEvaluation.Run(sessions, ModelOutcomes.Predictor(model),
            new OutcomeEvaluationOptions { DatasetName = "REES46 2019-Oct first 17,434 events" });

        Assert.Equal(5_066, report.TrainSessions + report.TestSessions);
        Assert.Equal(17_434, report.TrainSteps + report.TestSteps);
        Assert.Equal(1_013, report.TestSessions);   // round(0.2 × 5,066)
        foreach (var task in new[] { report.Conversion, report.Friction })
        {
            Assert.Equal(report.TestSteps, task.TestSteps);
            Assert.Equal(task.TestSteps, task.Positives + task.Negatives);
            Assert.True(task.Positives > 0, $"{task.Task}: no positive test step");
            Assert.InRange(task.Auc, 0, 1);
            Assert.InRange(task.BaselineAuc, 0, 1);
            Assert.InRange(task.Brier, 0, 1);
            Assert.InRange(task.BaselineBrier, 0, 1);
            Assert.True(task.LogLoss > 0 && double.IsFinite(task.LogLoss));
            Assert.True(task.BaselineLogLoss > 0 && double.IsFinite(task.BaselineLogLoss));
            Assert.Equal(task.TestSteps, task.ModelCalibration.Sum(b => b.Count));
            Assert.Equal(task.TestSteps, task.BaselineCalibration.Sum(b => b.Count));
        }
        // An untrained head ranks at chance; a wide band, since 1,013 sessions are few.
        Assert.InRange(report.Conversion.Auc, 0.3, 0.7);
    }

    [Fact]
    public void Report_renders_as_json_markdown_and_charts()
    {
        var sessions = OutcomeData.Rees46;
        var report = OutcomeEvaluation.Run(sessions, ConstantModel, new OutcomeEvaluationOptions { DatasetName = "REES46" });

        using var json = JsonDocument.Parse(report.ToJson());
        foreach (var name in new[] { "conversion", "friction" })
        {
            var task = json.RootElement.GetProperty(name);
            Assert.Equal(0.5, task.GetProperty("auc").GetDouble());   // a constant ranks nothing
            Assert.Equal(-Math.Log(0.5), task.GetProperty("logloss").GetDouble(), 9);
            Assert.InRange(task.GetProperty("baselineAuc").GetDouble(), 0, 1);
            Assert.Equal(10, task.GetProperty("calibration").GetProperty("model").GetArrayLength());
        }
        Assert.Equal(report.TestSessions, json.RootElement.GetProperty("outcomeSplit").GetProperty("testSessions").GetInt32());

        var markdown = report.ToMarkdown();
        Assert.Contains("| conversion |", markdown, StringComparison.Ordinal);
        Assert.Contains("| friction |", markdown, StringComparison.Ordinal);

        var charts = report.WriteCharts(_directory);
        Assert.Equal(2, charts.Count);
        Assert.All(charts, path =>
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1_000);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        });
    }

    [Fact]
    public void Baseline_beats_the_prior_on_the_REES46_sample()
    {
        // The engineered features must carry signal on real data, or the baseline is no yardstick.
        var report = OutcomeEvaluation.Run(OutcomeData.Rees46, ConstantModel);
        Assert.True(report.Conversion.BaselineAuc > 0.6, $"baseline conversion AUC {report.Conversion.BaselineAuc}");
        Assert.True(report.Conversion.BaselineLogLoss < report.Conversion.PriorLogLoss);
    }

    [Fact]
    public void Click_only_data_is_refused()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<IReadOnlyList<ClickEvent>> sessions = Enumerable.Range(0, 10)
            .Select(i => (IReadOnlyList<ClickEvent>)[new ClickEvent($"e{i}", $"s{i}", null, start.AddMinutes(i), ClickType.ProductView, "p")])
            .ToList();
        Assert.False(OutcomeEvaluation.HasOutcomes(sessions));
        var ex = Assert.Throws<InvalidOperationException>(() => OutcomeEvaluation.Run(sessions, ConstantModel));
        Assert.Contains("no purchases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_skips_steps_is_an_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            OutcomeEvaluation.Run(OutcomeData.Rees46, s => (new float[s.Count + 1], new float[s.Count])));
        Assert.Contains("one per event", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouping_keeps_sessions_in_first_appearance_order_and_events_in_time_order()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        ClickEvent E(string id, string session, int minute) => new(id, session, null, start.AddMinutes(minute), ClickType.ProductView);
        var sessions = OutcomeEvaluation.GroupBySession([E("b1", "b", 1), E("a2", "a", 5), E("a1", "a", 2), E("b2", "b", 3)]);
        Assert.Equal(["b1", "b2"], sessions[0].Select(e => e.EventId));
        Assert.Equal(["a1", "a2"], sessions[1].Select(e => e.EventId));
    }

    private static (float[] Conversion, float[] Friction) ConstantModel(IReadOnlyList<ClickEvent> session) =>
        (Enumerable.Repeat(0.5f, session.Count).ToArray(), Enumerable.Repeat(0.5f, session.Count).ToArray());
}
