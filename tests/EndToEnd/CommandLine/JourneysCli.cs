using System.Diagnostics;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary>The `journeys` executable as a user runs it: a child process from the test output, its exit code and output.</summary>
internal static class JourneysCli
{
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Commands run side by side in tests: none listens on the default HTTP port unless a test passes --http.
        info.Environment["JOURNEYS__Http__Urls"] = "none";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "journeys.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }

    /// <summary>Runs to the end, failing the test (and killing the process tree) when it takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"journeys {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s; stderr: {await stderr}");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
