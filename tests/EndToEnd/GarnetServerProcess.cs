using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Journeys.EndToEnd.Tests;

/// <summary>
/// A standalone Garnet: the `garnet-server` .NET tool (dotnet-tools.json; test.sh restores it) as its own process,
/// with an append-only file and checkpoints in a directory, recovering from them on start — how a user runs the
/// Garnet that <c>State:Garnet</c> points at.
/// </summary>
internal sealed class GarnetServerProcess : IDisposable
{
    private readonly Process _process;

    private GarnetServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="directory">Its data directory (append-only file, checkpoints, log).</param>
    /// <param name="port">0 borrows a free port; a restart passes the previous one.</param>
    public static async Task<GarnetServerProcess> StartAsync(string directory, int port = 0)
    {
        if (port == 0)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The tool manifest is found from the working directory upwards: the repository's.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[]
                 {
                     "tool", "run", "garnet-server", "--", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "-q",
                     "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "--recover", "--fail-on-recovery-error",
                     "--checkpointdir", Path.Combine(directory, "checkpoints"), "--logdir", Path.Combine(directory, "log"),
                     "--storage-tier", "--device-type", "RandomAccess", "--memory", "64m", "--index", "16m",
                 })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                lock (output)
                {
                    throw new InvalidOperationException(
                        $"garnet-server exited with {process.ExitCode} (is the tool restored? `dotnet tool restore` — test.sh runs it): {output}");
                }
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new GarnetServerProcess(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// Freezes the server (SIGSTOP to it and its children) for <paramref name="stall"/>, then lets it go on (SIGCONT):
    /// a slow Garnet, as in a long pause or a stalled disk; its connections stay open and requests wait.
    /// </summary>
    public async Task StallAsync(TimeSpan stall)
    {
        const int SigStop = 19, SigCont = 18;
        var tree = ProcessTree(_process.Id);
        foreach (var pid in tree)
        {
            _ = Kill(pid, SigStop);
        }
        try
        {
            await Task.Delay(stall);
        }
        finally
        {
            foreach (var pid in tree)
            {
                _ = Kill(pid, SigCont);
            }
        }
    }

    private static List<int> ProcessTree(int root)
    {
        var all = new List<int> { root };
        for (var i = 0; i < all.Count; i++)
        {
            var tasks = $"/proc/{all[i].ToString(CultureInfo.InvariantCulture)}/task";
            if (!Directory.Exists(tasks))
            {
                continue;
            }
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var children = Path.Combine(task, "children");
                if (File.Exists(children))
                {
                    all.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
                }
            }
        }
        return all;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no checkpoint, no flush beyond what Garnet already acknowledged.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
