using System.Diagnostics;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.SessionActors.State;
using Xunit.Abstractions;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// The catalog and forecast views across SIGKILLs of `journeys serve`: each start restores the views' last saved state
/// and reads the clicks topic on from the offsets it covers, so after three kills (each after more clicks than the last
/// save covered) the published views are those of one model that saw every click exactly once. Kafka and Garnet
/// belong to the test process and outlive the kills.
/// </summary>
public sealed class ViewRestartTests : IClassFixture<BrokerFixture>
{
    private const int Products = 30;
    private readonly BrokerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ViewRestartTests(BrokerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Killed_three_times_the_views_end_as_one_model_that_saw_every_click_once()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var garnet = EmbeddedGarnet.Start();
        var prefix = $"views-{Guid.NewGuid():N}"[..16];
        using var store = new GarnetSessionStore(garnet.Endpoint, null, prefix, TimeSpan.FromMinutes(30));
        var events = Clicks(sessions: 160, eventsPerSession: 9, seed: 20261129);
        var random = new Random(20261129);
        int Decided() => harness.Decisions.Select(d => d.EventId).Distinct().Count();
        var produced = 0;
        for (var kill = 0; kill < 3; kill++)
        {
            var before = await SavedGenerationAsync(garnet.Endpoint, prefix);
            using var engine = StartEngine(harness, garnet.Endpoint, prefix);
            produced = Produce(harness, events, produced, events.Count / 4);
            // A save covering some of this run's clicks, then more clicks the save does not cover, then the kill.
            await Poll.Until(async () => Decided() >= produced && await SavedGenerationAsync(garnet.Endpoint, prefix) != before,
                TimeSpan.FromSeconds(120), () => $"{produced} decided events and a new view save (have {Decided()})");
            produced = Produce(harness, events, produced, events.Count / 12);
            await Task.Delay(random.Next(0, 150));
            Assert.False(engine.HasExited, "the engine exited on its own");
            engine.Kill();
            await engine.WaitForExitAsync();
            _output.WriteLine($"killed with {produced} clicks produced, {Decided()} decided");
        }
        using var last = StartEngine(harness, garnet.Endpoint, prefix);
        Produce(harness, events, produced, events.Count - produced);

        var expectedCatalog = ExpectedCatalog(events);
        var expectedForecast = ExpectedForecast(events);
        string? catalogDiff = "not read yet", forecastDiff = "not read yet";
        await Poll.Until(async () =>
        {
            var catalog = await store.ReadViewAsync("catalog");
            var forecast = await store.ReadViewAsync("forecast");
            catalogDiff = catalog is null ? "no catalog view published" : CatalogDifference(expectedCatalog, CatalogSnapshotCodec.Decode(catalog));
            forecastDiff = forecast is null ? "no forecast view published" : ForecastDifference(expectedForecast, ForecastSnapshotCodec.Decode(forecast));
            return catalogDiff is null && forecastDiff is null;
        }, TimeSpan.FromSeconds(120), () => $"published views equal to one unbroken model's: catalog {catalogDiff}; forecast {forecastDiff}");
        Assert.Null(catalogDiff);
        Assert.Null(forecastDiff);
        last.Kill();
    }

    private static Process StartEngine(EngineHarness harness, string garnet, string prefix) =>
        ServeProcess.Start(harness, new Dictionary<string, string>
        {
            ["JOURNEYS__State__Garnet"] = garnet,
            ["JOURNEYS__State__KeyPrefix"] = prefix,
            ["JOURNEYS__Engine__ViewCheckpointInterval"] = "00:00:00.300",
            ["JOURNEYS__Catalog__PublishInterval"] = "00:00:00.200",
            ["JOURNEYS__Forecast__PublishInterval"] = "00:00:00.200",
        });

    private static int Produce(EngineHarness harness, List<ClickEvent> events, int from, int count)
    {
        foreach (var e in events.Skip(from).Take(count)) harness.Produce(e);
        harness.Flush();
        return from + count;
    }

    /// <summary>The generation the views' saved state now points at (null before the first save).</summary>
    private static async Task<string?> SavedGenerationAsync(string endpoint, string prefix)
    {
        using var store = new GarnetSessionStore(endpoint, null, prefix, TimeSpan.FromMinutes(1));
        using var client = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(endpoint);
        return await client.GetDatabase().StringGetAsync(store.ViewStateKey("catalog"));
    }

    /// <summary>
    /// Sessions on few products (fewer than a product's neighbour table holds, so no Space-Saving replacement depends
    /// on the order partitions interleave), each product in one category, purchases with quantities; one session every
    /// 40 minutes over four days (forecasts with history), produced in time order as collectors would.
    /// </summary>
    private static List<ClickEvent> Clicks(int sessions, int eventsPerSession, int seed)
    {
        var rng = new Random(seed);
        var t0 = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        var queues = new List<Queue<ClickEvent>>();
        for (var s = 0; s < sessions; s++)
        {
            var id = $"v-{s}";
            var queue = new Queue<ClickEvent>();
            for (var n = 0; n < eventsPerSession; n++)
            {
                var roll = rng.NextDouble();
                var type = roll < 0.70 ? ClickType.ProductView : roll < 0.85 ? ClickType.AddToCart : ClickType.Purchase;
                var product = rng.Next(Products);
                queue.Enqueue(new ClickEvent($"{id}-e{n}", id, null, t0.AddMinutes(s * 40).AddSeconds(n * 11), type, $"p-{product}", $"c-{product % 5}",
                    10 + product, type == ClickType.ProductView ? null : 1 + rng.Next(3)));
            }
            queues.Add(queue);
        }
        return [.. queues.SelectMany(q => q).OrderBy(e => e.Timestamp).ThenBy(e => e.EventId, StringComparer.Ordinal)];
    }

    private static CatalogSnapshot ExpectedCatalog(List<ClickEvent> events)
    {
        var model = new CatalogModel(new CatalogOptions());
        foreach (var e in events) model.Observe(e);
        return model.Publish();
    }

    private static ForecastSnapshot ExpectedForecast(List<ClickEvent> events)
    {
        var model = new ForecastModel(new ForecastOptions());
        foreach (var e in events) model.Observe(e);
        return model.Publish();
    }

    /// <summary>
    /// Null when equal: relations (order, kinds, substitute flags; shares to float rounding, as partitions interleave
    /// differently from the produced order), trend statuses and trending lists, categories.
    /// </summary>
    private static string? CatalogDifference(CatalogSnapshot expected, CatalogSnapshot actual)
    {
        if (expected.ProductsWithRelations != actual.ProductsWithRelations)
        {
            return $"relations of {actual.ProductsWithRelations} products, expected {expected.ProductsWithRelations}";
        }
        foreach (var product in Enumerable.Range(0, Products).Select(p => $"p-{p}"))
        {
            var (related, other) = (expected.Related(product), actual.Related(product));
            if (related.Count != other.Count) return $"{product}: {other.Count} relations, expected {related.Count}";
            for (var i = 0; i < related.Count; i++)
            {
                var (a, b) = (related[i], other[i]);
                if (a.ProductId != b.ProductId || a.Kind != b.Kind || a.IsSubstitute != b.IsSubstitute || Math.Abs(a.Score - b.Score) > 1e-5f)
                {
                    return $"{product}: relation {i} is {b}, expected {a}";
                }
            }
            if (expected.Trend(product) != actual.Trend(product)) return $"{product}: trend {actual.Trend(product)}, expected {expected.Trend(product)}";
            if (expected.CategoryOf(product) != actual.CategoryOf(product)) return $"{product}: category {actual.CategoryOf(product)}";
        }
        return expected.Trending().Select(t => (t.ProductId, t.ShortWindowEvents)).SequenceEqual(actual.Trending().Select(t => (t.ProductId, t.ShortWindowEvents)))
            ? null : "trending lists differ";
    }

    private static string? ForecastDifference(ForecastSnapshot expected, ForecastSnapshot actual)
    {
        var products = actual.Products.ToDictionary(p => p.ProductId);
        if (products.Count != expected.Products.Count()) return $"{products.Count} products, expected {expected.Products.Count()}";
        foreach (var p in expected.Products)
        {
            if (!products.TryGetValue(p.ProductId, out var other) || other != p) return $"{p.ProductId}: {other}, expected {p}";
        }
        return null;
    }
}
