using System.Diagnostics;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Forecast;
using Xunit.Abstractions;

namespace Journeys.Scoring.Tests.Forecast;

/// <summary>
/// Memory per tracked product and the cost of a publish at the default cap (100,000 products, 56 days), the figures
/// behind ForecastOptions' MaxProducts and PublishInterval notes. JOURNEYS_MEASURE=1 to run.
/// </summary>
public class ForecastModelMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Memory_and_publish_time_at_the_default_product_cap()
    {
        var options = new ForecastOptions();
        var random = new Random(1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var model = new ForecastModel(options);
        model.Observe(ForecastEvents.View(0));
        for (var day = 0; day < options.HistoryDays; day++)
        {
            // Every product sells on about one day in five; all of them carry a stock figure.
            for (var p = 0; p < options.MaxProducts; p++)
            {
                if (random.Next(5) == 0) model.Observe(ForecastEvents.Purchase($"p{p}", day, 1 + random.Next(3)));
            }
        }
        for (var p = 0; p < options.MaxProducts; p++) model.Apply(new ProductFeedItem($"p{p}", null, null, null, random.Next(0, 200)));
        model.Observe(ForecastEvents.View(options.HistoryDays));
        var afterFeed = GC.GetTotalMemory(forceFullCollection: true);

        var clock = Stopwatch.StartNew();
        var full = model.Publish();
        var fullMs = clock.Elapsed.TotalMilliseconds;
        var afterSnapshot = GC.GetTotalMemory(forceFullCollection: true);
        for (var p = 0; p < 1_000; p++) model.Observe(ForecastEvents.Purchase($"p{p}", options.HistoryDays, 1, hour: 3));
        clock.Restart();
        var incremental = model.Publish();
        var incrementalMs = clock.Elapsed.TotalMilliseconds;

        // The next day refits every product again, now with warm (tier-1) code.
        model.Observe(ForecastEvents.View(options.HistoryDays + 1));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        model.Publish();
        var nextDayMs = clock.Elapsed.TotalMilliseconds;
        var nextDayCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

        output.WriteLine($"{model.TrackedProducts:N0} products: model {(afterFeed - before) / (double)model.TrackedProducts:F0} B/product, " +
            $"snapshot {(afterSnapshot - afterFeed) / (double)full.Count:F0} B/product");
        output.WriteLine($"publish, all products refitted: first {fullMs:F0} ms, next day {nextDayMs:F0} ms (process CPU {nextDayCpuMs:F0} ms; the machine is shared); 1,000 changed: {incrementalMs:F0} ms");
        Assert.Equal(options.MaxProducts, incremental.Count);
    }
}
