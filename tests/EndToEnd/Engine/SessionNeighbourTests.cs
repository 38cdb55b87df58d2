using System.Globalization;
using Journeys.Contracts.Events;
using Journeys.Engine.Hosting;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>The session-neighbour source inside the whole engine: seeded from the model file, blended live.</summary>
public sealed class SessionNeighbourTests : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly BrokerFixture _fixture;
    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-neighbours-").FullName;

    public SessionNeighbourTests(BrokerFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_product_that_only_the_seeded_neighbours_clicked_is_recommended_for_them()
    {
        // The bundled model with five training sessions that went from p to q: nothing else links the two.
        string p, q, other;
        var modelPath = Path.Combine(_directory, "with-sessions.jrnm");
        using (var bundled = SessionModelFile.Load(BundledModels.ModelPath, torch.CPU))
        {
            var products = bundled.Metadata.Products;
            (p, q, other) = (products[100], products[200], products[300]);
            var withSessions = new ScoringModel(bundled.Network, bundled.Metadata, torch.CPU)
            {
                RecentSessions = [.. Enumerable.Repeat(new[] { p, q }, 5)],
            };
            SessionModelFile.Save(modelPath, withSessions);
        }
        using var harness = new EngineHarness(_fixture.Broker);
        using var engine = harness.StartEngine(new Dictionary<string, string?>
        {
            ["Scoring:ModelPath"] = modelPath,
            ["Catalog:PublishInterval"] = "00:00:00.200",
            ["Recommendations:CoViewWeight"] = "0",
            ["Recommendations:CoPurchaseWeight"] = "0",
            ["Recommendations:SessionNeighboursWeight"] = "10",
        });
        var t = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        // Another session's click makes the catalog stage publish its first view, the seeded sessions in it.
        harness.Produce(new ClickEvent("warm-0", "warm", null, t, ClickType.ProductView, other));
        harness.Flush();
        var views = engine.Services.GetRequiredService<LiveViews>();
        await Poll.Until(() => views.Catalog.Snapshot.Neighbours.SessionCount >= 5, TimeSpan.FromSeconds(60),
            () => $"the seeded neighbour view (have {views.Catalog.Snapshot.Neighbours.SessionCount} sessions)");
        harness.Produce(new ClickEvent("probe-0", "probe", null, t.AddSeconds(5), ClickType.ProductView, p));
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Any(d => d.EventId == "probe-0"), TimeSpan.FromSeconds(60),
            () => string.Create(CultureInfo.InvariantCulture, $"the probe's decision (have {harness.Decisions.Count})"));
        await engine.StopAsync();

        var decision = harness.Decisions.Single(d => d.EventId == "probe-0");
        var first = decision.Recommendations[0];
        Assert.Equal(q, first.ProductId);
        Assert.Equal(RelationBlend.SessionNeighboursReason, first.Reason);
    }
}
