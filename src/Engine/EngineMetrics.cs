using System.Diagnostics;
using System.Diagnostics.Metrics;
using Journeys.Ingest.Kafka;
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
    private readonly Meter _meter;

    public EngineMetrics(IMeterFactory meters, StepBatcher batcher, LiveViews views)
    {
        // The factory hands out one meter per name: the same one EngineCounters records on.
        var meter = _meter = meters.Create(Contracts.Diagnostics.JourneysMeter.Name);
        meter.CreateObservableCounter("journeys.model.steps", () => batcher.Statistics.Steps, "{step}",
            "Session steps run by the model (one per event); steps / batches is the mean batch size");
        meter.CreateObservableCounter("journeys.model.batches", () => batcher.Statistics.Batches, "{batch}", "Batched model calls");
        meter.CreateObservableCounter("journeys.model.forward.time", () => batcher.Statistics.ForwardTime.TotalSeconds, "s",
            "Time spent in the model's batched forward passes");
        meter.CreateObservableGauge("journeys.view.age", () => ViewAges(views), "s",
            "Time since the catalog or forecast view in use was published (none before the first)");
    }

    /// <summary>
    /// The Kafka click source's progress per partition once the engine runs: the committed offset (what a restart
    /// goes on from) and the lag behind the end of the log (records not yet decided and committed). Other sources (the
    /// load test's in-process log) have none.
    /// </summary>
    public void Observe(IClickSourceControl control)
    {
        if (control is not KafkaSourceControl kafka) return;
        _meter.CreateObservableGauge("journeys.kafka.committed_offset", () => Partitions(kafka, (committed, _) => committed), "{offset}",
            "The clicks partition's committed offset (the next record a restart reads)");
        _meter.CreateObservableGauge("journeys.kafka.consumer.lag", () => Partitions(kafka, (committed, high) => Math.Max(0, high - committed)),
            "{record}", "Records of the clicks partition after its committed offset, up to the end of the log as last fetched");
    }

    private static IEnumerable<Measurement<long>> Partitions(KafkaSourceControl kafka, Func<long, long, long> value)
    {
        var committed = kafka.CommittedOffsets;
        foreach (var (partition, high) in kafka.HighWatermarks)
        {
            if (!committed.TryGetValue(partition, out var offset)) continue;
            yield return new(value(offset, high), new KeyValuePair<string, object?>("partition", partition.Partition.Value));
        }
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
