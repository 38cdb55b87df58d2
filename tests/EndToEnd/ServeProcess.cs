using System.Diagnostics;

namespace Journeys.EndToEnd.Tests;

/// <summary>
/// `journeys serve` as a user runs it: a separate process on the harness's broker, topics and group, which a test can
/// kill with SIGKILL. Its logs go to the test's own output only at Warning and above.
/// </summary>
internal static class ServeProcess
{
    /// <param name="environment">Further configuration (JOURNEYS__… variables), e.g. the Garnet to use.</param>
    /// <param name="workingDirectory">Where it runs (relative State:DataDirectory paths are under it); default the test output.</param>
    public static Process Start(EngineHarness harness, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "journeys.dll"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--bootstrap");
        info.ArgumentList.Add(harness.Broker.BootstrapServers);
        info.ArgumentList.Add("--group");
        info.ArgumentList.Add(harness.Group);
        var env = info.Environment;
        env["JOURNEYS__Kafka__ClicksTopic"] = harness.Clicks;
        env["JOURNEYS__Kafka__DecisionsTopic"] = harness.DecisionsTopic;
        env["JOURNEYS__Kafka__DeadLetterTopic"] = harness.DeadLetterTopic;
        env["JOURNEYS__Kafka__CatalogTopic"] = harness.CatalogTopic;
        env["JOURNEYS__Kafka__CommitInterval"] = "00:00:00.100";
        // The broker waits out a killed member's session before giving its partitions to the next one: keep it short.
        env["JOURNEYS__Kafka__Consumer__session.timeout.ms"] = "2000";
        env["JOURNEYS__Kafka__Consumer__heartbeat.interval.ms"] = "200";
        env["JOURNEYS__Logging__LogLevel__Default"] = "Warning";
        // Engines run side by side in tests: none listens on the default HTTP port unless the test gives it one.
        env["JOURNEYS__Http__Urls"] = "none";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }
        var process = Process.Start(info)!;
        // A test that fails before it kills its engine must not leave it running (it would retry the vanished broker and
        // take CPU from every later test and measurement): whatever is still alive dies with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly(process);
        return process;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Disposed or never started: nothing to kill.
        }
    }
}
