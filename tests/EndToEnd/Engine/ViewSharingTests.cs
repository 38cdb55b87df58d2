using Journeys.Contracts.Events;
using Journeys.Engine;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// Two engines in one group share the clicks topic's partitions for their sessions, yet each one's catalog view holds
/// the relations of every partition's clicks: the views read the whole topic, whatever the group assigned.
/// </summary>
public sealed class ViewSharingTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public ViewSharingTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Two_engines_each_decide_with_the_relations_of_the_whole_stream()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var settings = new Dictionary<string, string?> { ["Catalog:PublishInterval"] = "00:00:00.200" };
        using var first = harness.StartEngine(settings);
        using var second = harness.StartEngine(settings);
        var counters = new[] { first, second }.Select(e => e.Services.GetRequiredService<EngineCounters>()).ToArray();
        await Poll.Until(() => counters.All(c => c.AssignedPartitions > 0) && counters.Sum(c => c.AssignedPartitions) == EngineHarness.Partitions,
            TimeSpan.FromSeconds(60), () => $"both engines owning partitions (have {string.Join(" and ", counters.Select(c => c.AssignedPartitions))})");

        // One pair of products per session; sessions spread over every partition.
        var t = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        const int Sessions = 40;
        for (var s = 0; s < Sessions; s++)
        {
            harness.Produce(new ClickEvent($"share-{s}-0", $"share-{s}", null, t.AddSeconds(s), ClickType.ProductView, $"a-{s}"));
            harness.Produce(new ClickEvent($"share-{s}-1", $"share-{s}", null, t.AddSeconds(s + 1), ClickType.ProductView, $"b-{s}"));
        }
        harness.Flush();
        var partitions = harness.Produced.Values.Select(p => p.Partition.Value).Distinct().Count();
        Assert.Equal(EngineHarness.Partitions, partitions);

        var views = new[] { first, second }.Select(e => e.Services.GetRequiredService<LiveViews>()).ToArray();
        await Poll.Until(() => views.All(v => Enumerable.Range(0, Sessions).All(s => Related(v, s))), TimeSpan.FromSeconds(60),
            () => $"both catalog views relating every session's pair (have {string.Join(" and ", views.Select(v => Enumerable.Range(0, Sessions).Count(s => Related(v, s))))})");
        await Poll.Until(() => harness.Decisions.Count >= 2 * Sessions, TimeSpan.FromSeconds(60),
            () => $"every click decided (have {harness.Decisions.Count})");
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    private static bool Related(LiveViews views, int session) =>
        views.Catalog.Snapshot.Related($"a-{session}").Any(r => r.ProductId == $"b-{session}" && r.Kind == RelationKind.CoView);
}
