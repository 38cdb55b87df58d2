using System.Diagnostics;
using Journeys.SessionActors.State;
using Xunit.Abstractions;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// The engine as a separate `journeys serve` process, killed with SIGKILL at seeded points while it works through a
/// stream, restarted each time. Kafka (in-process broker) and Garnet (embedded here) belong to this test process, so
/// they outlive every kill — as a real broker and Garnet outlive an engine node.
/// </summary>
public sealed class CrashSafetyTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(BrokerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Killed_at_ten_seeded_points_every_event_is_decided_applied_once_and_repeated_identically()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var garnet = EmbeddedGarnet.Start();
        var prefix = $"kill-{Guid.NewGuid():N}"[..16];
        var events = Shoppers.Sessions(sessions: 200, eventsPerSession: 20, seed: 20261123, prefix: "k");
        foreach (var e in events)
        {
            harness.Produce(e);
        }
        harness.Flush();

        // Each run is killed after a seeded number of new decisions (some before its first one), then a seeded delay.
        var random = new Random(20261123);
        int Decided() => harness.Decisions.Select(d => d.EventId).Distinct().Count();
        for (var kill = 0; kill < 10; kill++)
        {
            var point = Math.Min(events.Count, Decided() + (kill % 4 == 3 ? 0 : random.Next(10, events.Count / 40)));
            using var engine = StartEngine(harness, garnet.Endpoint, prefix);
            await Poll.Until(() => Decided() >= point || engine.HasExited, TimeSpan.FromSeconds(120),
                () => $"{point} decided events before the kill (have {Decided()})");
            await Task.Delay(random.Next(0, 50));
            Assert.False(engine.HasExited, "the engine exited on its own");
            engine.Kill();
            await engine.WaitForExitAsync();
            _output.WriteLine($"killed at {Decided()} decided events ({harness.Decisions.Count} decisions received)");
        }

        using var last = StartEngine(harness, garnet.Endpoint, prefix);
        using var store = new GarnetSessionStore(garnet.Endpoint, null, prefix, TimeSpan.FromMinutes(30));
        var sessions = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        await Poll.Until(() => Decided() == events.Count, TimeSpan.FromSeconds(180),
            () => $"all {events.Count} events decided (have {Decided()})");
        // Every session's last snapshot written: its sequence counts the events applied to it.
        var sequences = new Dictionary<string, int>();
        await Poll.Until(async () =>
        {
            foreach (var id in sessions.Keys)
            {
                sequences[id] = (await store.LoadAsync(id, CancellationToken.None))?.Sequence ?? 0;
            }
            return sessions.All(s => sequences[s.Key] >= s.Value.Count);
        }, TimeSpan.FromSeconds(60), () => "every session's final snapshot");
        last.Kill();
        await last.WaitForExitAsync();

        Assert.Empty(harness.DeadLetters);
        var decisions = harness.Decisions.ToList();
        _output.WriteLine($"{events.Count} events, {decisions.Count} decisions, {decisions.Count - events.Count} repeated, 0 lost");
        // Applied exactly once: each session's state counted each of its events once, and event k was its k-th.
        Assert.All(sessions, s => Assert.Equal(s.Value.Count, sequences[s.Key]));
        foreach (var d in decisions)
        {
            Assert.Equal(sessions[d.SessionId].IndexOf(d.EventId) + 1, d.Sequence);
        }
        // Repeated decisions are the same decision, apart from when it was made (and the views they name).
        Assert.Empty(DecisionContent.Differing(decisions));
    }

    private static Process StartEngine(EngineHarness harness, string garnet, string prefix) =>
        ServeProcess.Start(harness, new Dictionary<string, string>
        {
            ["JOURNEYS__State__Garnet"] = garnet,
            ["JOURNEYS__State__KeyPrefix"] = prefix,
        });
}
