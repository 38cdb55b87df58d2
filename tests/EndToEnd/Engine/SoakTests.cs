using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// The engine under steady load while faults are injected: `journeys serve` killed with SIGKILL again and again,
/// broker request errors, the broker down and up, the standalone Garnet killed and restarted, and Garnet frozen.
/// Bounded and seeded: 20 kills in CI; `JOURNEYS_SOAK_KILLS=N` runs a longer one on request.
/// </summary>
public sealed class SoakTests : IClassFixture<BrokerFixture>, IDisposable
{
    // Kafka API keys and error codes (the protocol's numbers) for the broker's fault injection.
    private const short Produce = 0, Fetch = 1, OffsetCommit = 8, Heartbeat = 12;
    private const int NotLeaderOrFollower = 6, RequestTimedOut = 7, NotCoordinator = 16, RebalanceInProgress = 27;

    private readonly BrokerFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dataDirectory = new("journeys-soak-");

    public SoakTests(BrokerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Under_load_through_sigkills_broker_faults_and_garnet_restarts_nothing_is_lost_applied_twice_or_decided_differently()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("JOURNEYS_SOAK_KILLS"), CultureInfo.InvariantCulture, out var k) ? k : 20;
        const double Rate = 100;
        var random = new Random(20261129);
        using var harness = new EngineHarness(_fixture.Broker);
        var broker = _fixture.Broker;
        var garnet = await GarnetServerProcess.StartAsync(_dataDirectory.Path);
        var prefix = $"soak-{Guid.NewGuid():N}"[..16];
        var environment = new Dictionary<string, string> { ["JOURNEYS__State__Garnet"] = garnet.Endpoint, ["JOURNEYS__State__KeyPrefix"] = prefix };
        // Enough sessions and events for the load to last the whole run (about 8 s per kill).
        var events = Shoppers.Sessions(sessions: Math.Max(100, kills * 15), eventsPerSession: 40, seed: 20261129, prefix: "k")
            .Take((int)(kills * 8 * Rate)).ToList();
        var order = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        var faults = new Dictionary<string, int>();
        int Decided() => harness.Decisions.Select(d => d.EventId).Distinct().Count();

        using var stop = new CancellationTokenSource();
        var sent = 0;
        var load = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            while (sent < events.Count && !stop.IsCancellationRequested)
            {
                while (sent < events.Count && sent < clock.Elapsed.TotalSeconds * Rate)
                {
                    harness.Produce(events[sent++]);
                }
                harness.Flush();
                await Task.Delay(20);
            }
        });
        try
        {
            for (var kill = 0; kill < kills; kill++)
            {
                using var engine = ServeProcess.Start(harness, environment);
                var before = Decided();
                await Poll.Until(() => Decided() >= before + 20 || engine.HasExited || Volatile.Read(ref sent) >= events.Count && Decided() == events.Count,
                    TimeSpan.FromSeconds(120), () => $"decisions after start {kill + 1} (have {Decided()} of {Volatile.Read(ref sent)} sent)");
                Assert.False(engine.HasExited, $"the engine exited on its own before kill {kill + 1}");
                garnet = await InjectAsync(kill % 4, broker, garnet, faults, random);
                await Task.Delay(random.Next(200, 1000));
                engine.Kill();
                await engine.WaitForExitAsync();
                _output.WriteLine($"kill {kill + 1}: {Decided()} of {Volatile.Read(ref sent)} sent decided");
            }
            await load;

            using var last = ServeProcess.Start(harness, environment);
            await Poll.Until(() => Decided() + harness.DeadLetters.Count >= events.Count || last.HasExited,
                TimeSpan.FromSeconds(180), () => $"all {events.Count} events decided (have {Decided()})");
            last.Kill();
            await last.WaitForExitAsync();
        }
        finally
        {
            await stop.CancelAsync();
            garnet.Dispose();
        }

        var decisions = harness.Decisions.ToList();
        var decided = decisions.Select(d => d.EventId).ToHashSet();
        // Lost: neither decided nor dead-lettered (every event here is valid, so a dead letter is a failure of its own).
        var lost = Math.Max(0, events.Count(e => !decided.Contains(e.EventId)) - harness.DeadLetters.Count);
        var appliedTwice = decisions.Where(d => d.Sequence != order[d.SessionId].IndexOf(d.EventId) + 1).Select(d => d.EventId).Distinct().Count();
        var differing = DecisionContent.Differing(decisions).Count;
        _output.WriteLine($"soak: {kills} SIGKILLs, faults {string.Join(", ", faults.Select(f => $"{f.Key} {f.Value}"))}; {events.Count} events, " +
            $"{decisions.Count} decisions ({decisions.Count - decided.Count} repeated), {harness.DeadLetters.Count} dead letters, {lost} lost, " +
            $"{appliedTwice} applied twice, {differing} differing duplicates");

        Assert.Equal(0, lost);
        Assert.Equal(0, appliedTwice);
        Assert.Equal(0, differing);
        Assert.Empty(harness.DeadLetters);
    }

    /// <summary>One fault while the engine works: broker request errors, broker down/up, Garnet killed and restarted, or Garnet frozen.</summary>
    private async Task<GarnetServerProcess> InjectAsync(int kind, Journeys.Ingest.Broker.EmbeddedKafkaBroker broker, GarnetServerProcess garnet,
        Dictionary<string, int> faults, Random random)
    {
        void Count(string fault) => faults[fault] = faults.GetValueOrDefault(fault) + 1;
        switch (kind)
        {
            case 0:
                broker.PushRequestErrors(Produce, NotLeaderOrFollower, RequestTimedOut, NotLeaderOrFollower);
                broker.PushRequestErrors(Fetch, NotLeaderOrFollower, RequestTimedOut);
                broker.PushRequestErrors(OffsetCommit, RequestTimedOut, NotCoordinator, RebalanceInProgress);
                broker.PushRequestErrors(Heartbeat, RebalanceInProgress);
                Count("broker request errors");
                return garnet;
            case 1:
                broker.SetBrokerDown(1);
                await Task.Delay(random.Next(500, 1500));
                broker.SetBrokerUp(1);
                Count("broker down/up");
                return garnet;
            case 2:
                var port = garnet.Port;
                await garnet.KillAsync();
                garnet.Dispose();
                Count("Garnet SIGKILL + restart");
                return await GarnetServerProcess.StartAsync(_dataDirectory.Path, port);
            default:
                await garnet.StallAsync(TimeSpan.FromMilliseconds(random.Next(1000, 2500)));
                Count("Garnet frozen");
                return garnet;
        }
    }

    public void Dispose() => _dataDirectory.Dispose();
}
