using System.Diagnostics;
using Journeys.EndToEnd.Tests.CommandLine;
using Journeys.SessionActors.State;
using Xunit.Abstractions;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>
/// `journeys serve` on its defaults — the embedded Garnet, durable in `journeys-data` under its working directory —
/// killed with SIGKILL and started again, as a user would: nothing outlives the kill but the broker (a separate
/// process for the engine) and that directory.
/// </summary>
public sealed class DurableStateTests : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly BrokerFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _workDirectory = new("journeys-serve-");

    public DurableStateTests(BrokerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Serve_on_its_defaults_killed_with_SIGKILL_continues_every_session_where_it_was()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var events = Shoppers.Sessions(sessions: 40, eventsPerSession: 10, seed: 20261129, prefix: "d");
        var order = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        var before = events.Where(e => order[e.SessionId].IndexOf(e.EventId) < 5).ToList();
        var after = events.Where(e => order[e.SessionId].IndexOf(e.EventId) >= 5).ToList();

        using (var engine = ServeProcess.Start(harness, workingDirectory: _workDirectory.Path))
        {
            foreach (var e in before)
            {
                harness.Produce(e);
            }
            harness.Flush();
            var decided = before.Select(e => e.EventId).ToHashSet();
            await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Where(decided.Contains).Distinct().Count() == before.Count || engine.HasExited,
                TimeSpan.FromSeconds(120), () => $"the first {before.Count} events decided");
            Assert.False(engine.HasExited, "the engine exited on its own");
            // Killed as soon as the decisions are out: whatever was not yet on disk must come back from Kafka.
            engine.Kill();
            await engine.WaitForExitAsync();
        }
        Assert.True(File.Exists(Path.Combine(_workDirectory.Path, "journeys-data", EmbeddedGarnet.LockFileName)), "the default data directory");

        using (var engine = ServeProcess.Start(harness, workingDirectory: _workDirectory.Path))
        {
            foreach (var e in after)
            {
                harness.Produce(e);
            }
            harness.Flush();
            await Poll.Until(() => harness.Decisions.Select(d => d.EventId).Distinct().Count() == events.Count || engine.HasExited,
                TimeSpan.FromSeconds(120), () => $"all {events.Count} events decided");
            Assert.False(engine.HasExited, "the engine exited on its own");
            engine.Kill();
            await engine.WaitForExitAsync();
        }

        Assert.Empty(harness.DeadLetters);
        var decisions = harness.Decisions.ToList();
        _output.WriteLine($"{events.Count} events, {decisions.Count} decisions ({decisions.Count - events.Count} repeated after the kill)");
        // Every session went on where it was: its 6th event was its 6th, not the first of a new session.
        var continued = order.Keys.Count(s => decisions.Where(d => d.SessionId == s).All(d => d.Sequence == order[s].IndexOf(d.EventId) + 1));
        Assert.Equal(order.Count, continued);
        Assert.All(decisions, d => Assert.Equal(order[d.SessionId].IndexOf(d.EventId) + 1, d.Sequence));
    }

    [Fact]
    public async Task A_second_engine_on_the_same_data_directory_is_refused_with_a_message_naming_the_fix()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var first = ServeProcess.Start(harness, workingDirectory: _workDirectory.Path);
        try
        {
            var lockFile = Path.Combine(_workDirectory.Path, "journeys-data", EmbeddedGarnet.LockFileName);
            await Poll.Until(() => File.Exists(lockFile) && new FileInfo(lockFile).Length > 0 || first.HasExited,
                TimeSpan.FromSeconds(60), () => "the first engine's data directory");
            Assert.False(first.HasExited, "the first engine exited on its own");

            var info = JourneysCli.StartInfo("serve", "--bootstrap", harness.Broker.BootstrapServers, "--group", harness.Group + "-2");
            info.WorkingDirectory = _workDirectory.Path;
            var (code, stdout, stderr) = await Run(info);

            Assert.Equal(2, code);
            Assert.Contains("State:DataDirectory", stderr + stdout, StringComparison.Ordinal);
            Assert.Contains("is in use by another running engine", stderr + stdout, StringComparison.Ordinal);
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Memory_only_state_says_at_start_up_that_a_restart_forgets_every_session()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var info = JourneysCli.StartInfo("serve", "--bootstrap", harness.Broker.BootstrapServers, "--group", harness.Group);
        info.WorkingDirectory = _workDirectory.Path;
        info.Environment["JOURNEYS__State__Durability"] = "none";
        info.Environment["JOURNEYS__Kafka__ClicksTopic"] = harness.Clicks;
        using var p = Process.Start(info)!;
        try
        {
            string? line;
            do
            {
                line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            while (line is not null && !line.Contains("State:Durability=none", StringComparison.Ordinal));

            Assert.NotNull(line);
            Assert.Contains("a restart forgets every session", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_workDirectory.Path, "journeys-data")), "memory-only state made a data directory");
        }
        finally
        {
            p.Kill();
            await p.WaitForExitAsync();
        }
    }

    private static async Task<(int Code, string Out, string Err)> Run(ProcessStartInfo info)
    {
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _workDirectory.Dispose();
}
