using System.Diagnostics;
using System.Diagnostics.Metrics;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Batching;

namespace Journeys.Engine;

/// <summary>
/// Instruments of the engine's meter (<see cref="Contracts.Diagnostics.JourneysMeter"/>) read from the parts that keep their own
/// figures, observed when scraped: the model's batched steps, and how old the installed catalog and forecast views are.
/// Created with the engine (<see cref="EngineService"/> takes it), one per host.
/// </summary>
internal sealed class EngineMetrics
{
    public EngineMetrics(IMeterFactory meters, StepBatcher batcher, LiveViews views)
    {
        // The factory hands out one meter per name: the same one EngineCounters records on.
        var meter = meters.Create(Contracts.Diagnostics.JourneysMeter.Name);
        meter.CreateObservableCounter("journeys.model.steps", () => batcher.Statistics.Steps, "{step}",
            "Session steps run by the model (one per event); steps / batches is the mean batch size");
        meter.CreateObservableCounter("journeys.model.batches", () => batcher.Statistics.Batches, "{batch}", "Batched model calls");
        meter.CreateObservableCounter("journeys.model.forward.time", () => batcher.Statistics.ForwardTime.TotalSeconds, "s",
            "Time spent in the model's batched forward passes");
        meter.CreateObservableGauge("journeys.view.age", () => ViewAges(views), "s",
            "Time since the catalog or forecast view in use was published (none before the first)");
    }

    private static IEnumerable<Measurement<double>> ViewAges(LiveViews views)
    {
        if (views.Catalog.Version is not null)
        {
            yield return new(Stopwatch.GetElapsedTime(views.Catalog.InstalledAt).TotalSeconds, new KeyValuePair<string, object?>("view", "catalog"));
        }
        if (views.Forecast.Version is not null)
        {
            yield return new(Stopwatch.GetElapsedTime(views.Forecast.InstalledAt).TotalSeconds, new KeyValuePair<string, object?>("view", "forecast"));
        }
    }
}
