using System.Globalization;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Demo;
using Journeys.Ingest.ProductFeed;
using Journeys.Ingest.Kafka;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// The whole engine with a product feed on its catalog topic: real REES46 sessions from the bundled sample plus one
/// scripted session, and every decision checked against every rule the recommender and the pricing promise.
/// </summary>
public sealed class AdviceTests : IClassFixture<BrokerFixture>
{
    private const double MinMargin = 0.05;
    private const double MaxDiscount = 0.20;
    private static readonly TimeSpan StabilityWindow = TimeSpan.FromMinutes(30);
    private static readonly string[] Reasons =
        [RelationBlend.ModelReason, RelationBlend.CoViewReason, RelationBlend.CoPurchaseReason, RelationBlend.SessionNeighboursReason, RelationBlend.RecentlyViewedReason,
            Recommender.TrendingReason, Recommender.CategoryTrendingReason];

    private readonly BrokerFixture _fixture;

    public AdviceTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Decisions_carry_recommendations_that_obey_every_rule_and_prices_within_the_guardrails()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var sample = BundledData.SampleEvents().ToList();
        // The feed of the bundled catalog with costs at 60 % of list and every fourth product out of stock.
        var feed = ProductFeedFile.Read(BundledData.ProductFeedPath)
            .Select(i => i with
            {
                Cost = i.ListPrice * 0.6,
                Stock = long.Parse(i.ProductId, CultureInfo.InvariantCulture) % 4 == 0 ? 0 : 100,
            })
            .ToDictionary(i => i.ProductId);
        // The most viewed products, which the model favours, are blocklisted, so the rule has work to do.
        var popular = sample.Where(e => e.ProductId is not null).GroupBy(e => e.ProductId!).OrderByDescending(g => g.Count())
            .Select(g => g.Key).Where(p => feed[p].Stock > 0).ToList();
        var blocked = popular.Take(3).ToHashSet();
        var (a, b) = (popular[3], popular[4]);
        using (var publisher = new KafkaPublisher(new KafkaOptions { BootstrapServers = harness.Broker.BootstrapServers }))
        {
            await ProductFeedPublisher.PublishAsync(publisher, harness.CatalogTopic, [.. feed.Values], CancellationToken.None);
            // Two bad feed records: not JSON, and a row under another product's key. Both must be dead-lettered.
            var delivered = new CountdownEvent(2);
            publisher.Publish(harness.CatalogTopic, "broken", "not json"u8.ToArray(), null, _ => delivered.Signal());
            publisher.Publish(harness.CatalogTopic, "p-elsewhere", ProductFeedItemCodec.Encode(new ProductFeedItem(a, null, 1, null, null)), null,
                _ => delivered.Signal());
            Assert.True(delivered.Wait(TimeSpan.FromSeconds(30)));
        }
        var settings = new Dictionary<string, string?>
        {
            ["Catalog:PublishInterval"] = "00:00:00.200",
            ["Forecast:PublishInterval"] = "00:00:00.200",
            ["Pricing:MinMargin"] = MinMargin.ToString(CultureInfo.InvariantCulture),
            ["Pricing:MaxDiscount"] = MaxDiscount.ToString(CultureInfo.InvariantCulture),
        };
        var n = 0;
        foreach (var p in blocked)
        {
            settings[$"Recommendations:Blocklist:{n++}"] = p;
        }
        // 300 real sessions (fresh ids, stable event ids), then one scripted: a, a again, a search, b bought, a again.
        var sessions = sample.GroupBy(e => e.SessionId).Take(300).ToList();
        var events = sessions.SelectMany((g, s) => g.Select((e, i) => e with { SessionId = $"real-{s}", EventId = $"real-{s}-{i}" })).ToList();
        var t = events.Max(e => e.Timestamp).AddMinutes(1);
        events.AddRange(
        [
            new ClickEvent("script-0", "script", null, t, ClickType.ProductView, a, feed[a].CategoryId, feed[a].ListPrice),
            new ClickEvent("script-1", "script", null, t.AddSeconds(20), ClickType.ProductView, a, feed[a].CategoryId, feed[a].ListPrice),
            new ClickEvent("script-2", "script", null, t.AddSeconds(40), ClickType.Search, Query: "phone"),
            new ClickEvent("script-3", "script", null, t.AddSeconds(60), ClickType.Purchase, b, feed[b].CategoryId, feed[b].ListPrice, 1),
            new ClickEvent("script-4", "script", null, t.AddSeconds(80), ClickType.ProductView, a, feed[a].CategoryId, feed[a].ListPrice),
        ]);
        using var engine = harness.StartEngine(settings);

        // The real sessions first; the rest only once the catalog stage has published a view of them, so that the later
        // decisions provably read it (a fast engine can decide everything before the stage's first tick).
        var firstPart = events.Count / 2;
        foreach (var e in events.Take(firstPart))
        {
            harness.Produce(e);
        }
        harness.Flush();
        var views = engine.Services.GetRequiredService<LiveViews>();
        await Poll.Until(() => views.Catalog.Version is not null && views.Forecast.Version is not null, TimeSpan.FromSeconds(60),
            () => "the catalog and forecast stages' first views");
        foreach (var e in events.Skip(firstPart))
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Count >= events.Count, TimeSpan.FromSeconds(180),
            () => $"{events.Count} decisions, have {harness.Decisions.Count} (dead letters {harness.DeadLetters.Count})");
        await engine.StopAsync();

        var byId = events.ToDictionary(e => e.EventId);
        var decisions = harness.Decisions.ToList();
        Assert.Equal(events.Count, decisions.Count);
        var letters = harness.DeadLetters.ToList();
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(harness.CatalogTopic, l.Topic));
        Assert.Equal(["invalid_json", "invalid_value"], letters.Select(l => l.Reason).Order());
        foreach (var session in decisions.GroupBy(d => d.SessionId))
        {
            var purchased = new HashSet<string>();
            var shown = new Dictionary<string, (double Price, DateTimeOffset At)>();
            foreach (var d in session.OrderBy(d => d.Sequence))
            {
                var e = byId[d.EventId];
                if (e is { Type: ClickType.Purchase, ProductId: { } bought })
                {
                    purchased.Add(bought);
                }
                CheckRecommendations(d, e, feed, blocked, purchased);
                CheckPrice(d, e, feed, shown);
            }
        }
        // The rules had candidates to remove, the catalog stage and the forecast stage published and were used.
        Assert.All(decisions, d => Assert.NotEmpty(d.Recommendations));
        Assert.Contains(decisions, d => d.CatalogVersion is not null);
        Assert.Contains(decisions, d => d.ForecastVersion is not null);
        var script = decisions.Where(d => d.SessionId == "script").OrderBy(d => d.Sequence).ToList();
        Assert.Equal(script[0].Price!.OfferPrice, script[1].Price!.OfferPrice);
        Assert.Equal(script[0].Price!.OfferPrice, script[4].Price!.OfferPrice);
        Assert.Null(script[2].Price);
        Assert.DoesNotContain(script[4].Recommendations, r => r.ProductId == b);
        // The feed gives the cost, so no margin is assumed (the reason says so when one is).
        Assert.DoesNotContain("assumed", script[0].Price!.Reason, StringComparison.Ordinal);
    }

    private static void CheckRecommendations(Decision d, ClickEvent e, Dictionary<string, ProductFeedItem> feed,
        HashSet<string> blocked, HashSet<string> purchased)
    {
        Assert.InRange(d.Recommendations.Count, 0, 10);
        Assert.Equal(d.Recommendations.Count, d.Recommendations.Select(r => r.ProductId).Distinct().Count());
        foreach (var r in d.Recommendations)
        {
            Assert.Contains(r.Reason, Reasons);
            Assert.NotEqual(e.ProductId, r.ProductId);
            Assert.DoesNotContain(r.ProductId, blocked);
            Assert.DoesNotContain(r.ProductId, purchased);
            if (feed.TryGetValue(r.ProductId, out var item))
            {
                Assert.True(item.Stock > 0, $"{r.ProductId} is out of stock but was recommended in {d.EventId}");
            }
        }
        foreach (var category in d.Recommendations.Select(r => feed.GetValueOrDefault(r.ProductId)?.CategoryId).OfType<string>().GroupBy(c => c))
        {
            Assert.True(category.Count() <= 3, $"{category.Count()} recommendations of category {category.Key} in {d.EventId}");
        }
    }

    private static void CheckPrice(Decision d, ClickEvent e, Dictionary<string, ProductFeedItem> feed,
        Dictionary<string, (double Price, DateTimeOffset At)> shown)
    {
        if (e.ProductId is not { } product || feed.GetValueOrDefault(product)?.ListPrice is not { } list)
        {
            Assert.Null(d.Price);
            return;
        }
        var offer = Assert.IsType<PriceOffer>(d.Price);
        var cost = feed[product].Cost!.Value;
        Assert.Equal(product, offer.ProductId);
        Assert.Equal(list, offer.ListPrice);
        Assert.InRange(offer.OfferPrice, Math.Max(cost * (1 + MinMargin), list * (1 - MaxDiscount)) - 1e-9, list + 1e-9);
        Assert.Contains(offer.Guardrail, PriceGuardrail.All);
        Assert.InRange(offer.ConversionAtOffer, 0, 1);
        // Within the window from its first showing, a session sees one price per product.
        if (shown.TryGetValue(product, out var first) && e.Timestamp - first.At < StabilityWindow)
        {
            Assert.Equal(first.Price, offer.OfferPrice);
        }
        else
        {
            shown[product] = (offer.OfferPrice, e.Timestamp);
        }
    }
}
