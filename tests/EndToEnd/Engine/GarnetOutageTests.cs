using Microsoft.Extensions.DependencyInjection;
using Journeys.Ingest.Broker;
using Journeys.SessionActors.State;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>Garnet unreachable for a few seconds while the engine works: it goes on deciding and loses nothing.</summary>
public sealed class GarnetOutageTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public GarnetOutageTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task While_garnet_is_down_known_sessions_are_decided_commits_wait_and_everything_is_written_after()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var garnet = EmbeddedGarnet.Start();
        // The engine reaches Garnet through a forwarder: stopping it cuts Garnet off, restarting it on the same port
        // brings the same Garnet (and its data) back.
        var forwarder = BootstrapForwarder.Start(0, garnet.Endpoint);
        var port = forwarder.Port;
        var prefix = $"outage-{Guid.NewGuid():N}"[..18];
        using var engine = harness.StartEngine(new() { ["State:Garnet"] = $"127.0.0.1:{port}", ["State:KeyPrefix"] = prefix });
        var events = Shoppers.Sessions(sessions: 40, eventsPerSession: 12, seed: 77, prefix: "g");
        var known = events.Where(e => int.Parse(e.SessionId[2..], System.Globalization.CultureInfo.InvariantCulture) < 30).ToList();
        var before = known.GroupBy(e => e.SessionId).SelectMany(g => g.Take(4)).ToList();
        var during = known.Except(before).ToList();
        var newcomers = events.Except(known).ToList();

        foreach (var e in before)
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Count >= before.Count, TimeSpan.FromSeconds(60), () => "decisions before the outage");
        await Poll.Until(() => harness.CommittedOffsets().Values.Sum() == before.Count, TimeSpan.FromSeconds(30),
            () => "commits before the outage");

        await forwarder.DisposeAsync();
        foreach (var e in during.Concat(newcomers))
        {
            harness.Produce(e);
        }
        harness.Flush();
        // Sessions already live decide without Garnet; their snapshots cannot be written, so nothing more is committed.
        await Poll.Until(() => harness.Decisions.Count >= before.Count + during.Count, TimeSpan.FromSeconds(60),
            () => $"decisions of live sessions during the outage (have {harness.Decisions.Count})");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before.Count, harness.CommittedOffsets().Values.Sum());

        forwarder = BootstrapForwarder.Start(port, garnet.Endpoint);
        await using (forwarder)
        {
            await Poll.Until(() => harness.Decisions.Count >= events.Count, TimeSpan.FromSeconds(90),
                () => $"every decision after Garnet came back (have {harness.Decisions.Count})");
            await Poll.Until(() => harness.CommittedOffsets().Values.Sum() == events.Count, TimeSpan.FromSeconds(60),
                () => "every offset committed after Garnet came back");
            using var store = new GarnetSessionStore(garnet.Endpoint, null, prefix, TimeSpan.FromMinutes(30));
            foreach (var session in events.GroupBy(e => e.SessionId))
            {
                Assert.Equal(session.Count(), (await store.LoadAsync(session.Key, CancellationToken.None))?.Sequence);
            }
            await engine.StopAsync();
        }
        Assert.Empty(harness.DeadLetters);
        Assert.Equal(events.Count, harness.Decisions.Select(d => d.EventId).Distinct().Count());
    }

    [Fact]
    public async Task An_engine_started_while_garnet_is_down_waits_past_the_reply_timeout_and_decides_everything_when_it_returns()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var garnet = EmbeddedGarnet.Start();
        // Reserve a port for the forwarder that is not yet there: Garnet is unreachable from the engine's first moment.
        var probe = BootstrapForwarder.Start(0, garnet.Endpoint);
        var port = probe.Port;
        await probe.DisposeAsync();
        using var engine = harness.StartEngine(new()
        {
            ["State:Garnet"] = $"127.0.0.1:{port}",
            ["State:KeyPrefix"] = $"startup-{Guid.NewGuid():N}"[..18],
            ["Sessions:ReplyTimeout"] = "00:00:01",
        });
        var lifetime = engine.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        var events = Shoppers.Sessions(sessions: 10, eventsPerSession: 4, seed: 9, prefix: "w");
        foreach (var e in events)
        {
            harness.Produce(e);
        }
        harness.Flush();

        // Four reply timeouts with every starting session waiting for Garnet: the engine waits instead of stopping.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the engine stopped during the outage");
        Assert.Empty(harness.Decisions);

        await using (BootstrapForwarder.Start(port, garnet.Endpoint))
        {
            await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Distinct().Count() == events.Count,
                TimeSpan.FromSeconds(60), () => $"every decision after Garnet came up (have {harness.Decisions.Count})");
            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the engine stopped after the outage");
            await engine.StopAsync();
        }
        Assert.Empty(harness.DeadLetters);
    }
}
