using Journeys.SessionActors.State;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>The engine on a standalone Garnet process (<c>State:Garnet</c>), which is itself killed and restarted.</summary>
public sealed class StandaloneGarnetTests : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly BrokerFixture _fixture;
    private readonly TempDirectory _dataDirectory = new("journeys-garnet-");

    public StandaloneGarnetTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Sessions_continue_after_both_the_engine_and_a_standalone_garnet_server_restart()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var events = Shoppers.Sessions(sessions: 20, eventsPerSession: 6, seed: 11, prefix: "g");
        var order = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        var prefix = $"standalone-{Guid.NewGuid():N}"[..20];
        var port = 0;
        using (var garnet = await GarnetServerProcess.StartAsync(_dataDirectory.Path))
        {
            port = garnet.Port;
            var settings = new Dictionary<string, string?> { ["State:Garnet"] = garnet.Endpoint, ["State:KeyPrefix"] = prefix };
            using (var engine = harness.StartEngine(settings))
            {
                foreach (var e in events.Where(e => order[e.SessionId].IndexOf(e.EventId) < 3))
                {
                    harness.Produce(e);
                }
                harness.Flush();
                await Poll.Until(() => harness.Decisions.Count >= 60, TimeSpan.FromSeconds(60), () => "the first 60 decisions");
                // A clean stop writes every snapshot and commits every offset: what follows is Garnet's durability alone.
                await engine.StopAsync();
            }
            await garnet.KillAsync();
        }

        using var again = await GarnetServerProcess.StartAsync(_dataDirectory.Path, port);
        using (var store = new GarnetSessionStore(again.Endpoint, null, prefix, TimeSpan.FromMinutes(30)))
        {
            foreach (var s in order.Keys)
            {
                Assert.Equal(3, (await store.LoadAsync(s, CancellationToken.None))?.Sequence);
            }
        }
        using (var engine = harness.StartEngine(new() { ["State:Garnet"] = again.Endpoint, ["State:KeyPrefix"] = prefix }))
        {
            foreach (var e in events.Where(e => order[e.SessionId].IndexOf(e.EventId) >= 3))
            {
                harness.Produce(e);
            }
            harness.Flush();
            await Poll.Until(() => harness.Decisions.Count >= events.Count, TimeSpan.FromSeconds(60), () => "every decision");
            await engine.StopAsync();
        }

        Assert.Equal(events.Count, harness.Decisions.Count);
        Assert.All(harness.Decisions, d => Assert.Equal(order[d.SessionId].IndexOf(d.EventId) + 1, d.Sequence));
    }

    public void Dispose() => _dataDirectory.Dispose();
}
