using Journeys.SessionActors.State;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>Two engines share a consumer group and a Garnet; one leaves mid-stream and the other continues its sessions.</summary>
public sealed class RebalanceTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public RebalanceTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Sessions_handed_over_mid_stream_end_with_the_hidden_state_of_an_uninterrupted_run()
    {
        using var garnet = EmbeddedGarnet.Start();
        var events = Shoppers.Sessions(sessions: 60, eventsPerSession: 16, seed: 4242, prefix: "r");
        var reference = await FinalStatesAsync(garnet, events, handover: false);
        var handedOver = await FinalStatesAsync(garnet, events, handover: true);

        Assert.Equal(reference.Keys.Order(), handedOver.Keys.Order());
        foreach (var (session, state) in reference)
        {
            Assert.Equal(state.Sequence, handedOver[session].Sequence);
            Assert.Equal(state.H, handedOver[session].H);
            Assert.Equal(state.C, handedOver[session].C);
        }
    }

    private static Journeys.Engine.EngineCounters Counters(Microsoft.Extensions.Hosting.IHost engine) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Journeys.Engine.EngineCounters>(engine.Services);

    /// <summary>Runs the stream through one engine, or two of which the first stops halfway; returns every session's final snapshot.</summary>
    private async Task<Dictionary<string, SessionSnapshot>> FinalStatesAsync(EmbeddedGarnet garnet, List<Contracts.Events.ClickEvent> events, bool handover)
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var prefix = $"rb-{Guid.NewGuid():N}"[..15];
        var state = new Dictionary<string, string?> { ["State:Garnet"] = garnet.Endpoint, ["State:KeyPrefix"] = prefix };
        var first = harness.StartEngine(state);
        using var second = handover ? harness.StartEngine(state) : null;
        // Both engines own partitions before anything is sent, so the first one's sessions really move later.
        await Poll.Until(() => Counters(first).AssignedPartitions + (second is null ? 0 : Counters(second).AssignedPartitions) == EngineHarness.Partitions
                && (second is null || (Counters(first).AssignedPartitions > 0 && Counters(second).AssignedPartitions > 0)),
            TimeSpan.FromSeconds(60), () => "partitions shared by the engines");
        var half = events.Count / 2;
        foreach (var e in events.Take(half))
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Distinct().Count() >= half, TimeSpan.FromSeconds(90),
            () => "the first half decided");
        if (handover)
        {
            // Both engines held partitions, so the first one's sessions really move.
            Assert.True(Counters(first).Received > 0 && Counters(second!).Received > 0,
                $"events per engine: {Counters(first).Received} and {Counters(second!).Received}");
            // The first engine leaves: its partitions are revoked and the second rehydrates their sessions from Garnet.
            await first.StopAsync();
            first.Dispose();
        }
        foreach (var e in events.Skip(half))
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Distinct().Count() >= events.Count, TimeSpan.FromSeconds(120),
            () => "every event decided");

        using var store = new GarnetSessionStore(garnet.Endpoint, null, prefix, TimeSpan.FromMinutes(30));
        var sessions = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Count());
        var snapshots = new Dictionary<string, SessionSnapshot>();
        await Poll.Until(async () =>
        {
            foreach (var (id, count) in sessions)
            {
                if (await store.LoadAsync(id, CancellationToken.None) is { } s && s.Sequence == count)
                {
                    snapshots[id] = s;
                }
            }
            return snapshots.Count == sessions.Count;
        }, TimeSpan.FromSeconds(60), () => $"final snapshots ({snapshots.Count} of {sessions.Count})");
        if (!handover)
        {
            await first.StopAsync();
            first.Dispose();
        }
        else
        {
            await second!.StopAsync();
        }
        Assert.Empty(harness.DeadLetters);
        return snapshots;
    }
}
