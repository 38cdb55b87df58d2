using Journeys.Ingest.Broker;
using Journeys.SessionActors.State;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>Garnet unreachable for long: what the engine holds stays bounded, and nothing is lost when it returns.</summary>
public sealed class GarnetOutageBoundTests : IClassFixture<BrokerFixture>
{
    private const int PerPartition = 25;
    private readonly BrokerFixture _fixture;

    public GarnetOutageBoundTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task During_a_long_outage_consumption_stops_at_the_per_partition_bound_and_resumes_after()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var garnet = EmbeddedGarnet.Start();
        var forwarder = BootstrapForwarder.Start(0, garnet.Endpoint);
        var port = forwarder.Port;
        using var engine = harness.StartEngine(new()
        {
            ["State:Garnet"] = $"127.0.0.1:{port}",
            ["State:KeyPrefix"] = $"bound-{Guid.NewGuid():N}"[..16],
            ["Kafka:MaxInFlightPerPartition"] = PerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var events = Shoppers.Sessions(sessions: 40, eventsPerSession: 12, seed: 5, prefix: "b");
        var warm = events.GroupBy(e => e.SessionId).Select(g => g.First()).ToList();
        foreach (var e in warm)
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.CommittedOffsets().Values.Sum() == warm.Count, TimeSpan.FromSeconds(60), () => "warm-up committed");

        await forwarder.DisposeAsync();
        var rest = events.Except(warm).ToList();
        foreach (var e in rest)
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Task.Delay(TimeSpan.FromSeconds(3));
        // Every record waits for its snapshot, so each partition stops at the bound: no unbounded backlog in memory.
        var decidedDuringOutage = harness.Decisions.Count - warm.Count;
        Assert.InRange(decidedDuringOutage, 1, EngineHarness.Partitions * PerPartition);
        Assert.True(rest.Count > EngineHarness.Partitions * PerPartition);

        await using (BootstrapForwarder.Start(port, garnet.Endpoint))
        {
            await Poll.Until(() => harness.CommittedOffsets().Values.Sum() == events.Count, TimeSpan.FromSeconds(90),
                () => $"everything committed after Garnet came back (decided {harness.Decisions.Count} of {events.Count})");
            // Committed means delivered; the downstream reader may still be catching up.
            await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Distinct().Count() == events.Count,
                TimeSpan.FromSeconds(30), () => $"every decision read downstream (have {harness.Decisions.Count})");
            await engine.StopAsync();
        }
        Assert.Equal(events.Count, harness.Decisions.Select(d => d.EventId).Distinct().Count());
        Assert.Empty(harness.DeadLetters);
    }
}
