using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Journeys.SessionActors.State;

/// <summary>
/// Garnet inside this process, on a free loopback port: the default state store, so the engine, the demo and tests
/// need no set-up. With <see cref="EmbeddedGarnetStorage"/> it keeps an append-only file and checkpoints in a data
/// directory and recovers from them on start (the default of <c>journeys serve</c>); without, its state dies with the
/// process.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    /// <summary>The file whose exclusive lock marks a data directory as in use by a running engine.</summary>
    public const string LockFileName = "journeys.lock";

    private readonly GarnetServer _server;
    private readonly FileStream? _lock;

    private EmbeddedGarnet(GarnetServer server, int port, EmbeddedGarnetStorage? storage, FileStream? directoryLock)
    {
        _server = server;
        Endpoint = $"127.0.0.1:{port}";
        Storage = storage;
        _lock = directoryLock;
    }

    /// <summary><c>host:port</c> to connect to.</summary>
    public string Endpoint { get; }

    /// <summary>Where its data lives on disk; null when it keeps everything in memory only.</summary>
    public EmbeddedGarnetStorage? Storage { get; }

    /// <param name="port">0 borrows a free port.</param>
    /// <param name="vectorSets">Enables Garnet's vector sets (VADD/VSIM, a preview feature), for the Garnet retrieval index.</param>
    /// <param name="storage">Durable storage in a data directory; null keeps state in memory only.</param>
    /// <param name="loggerFactory">Where Garnet's own warnings go; null drops them.</param>
    /// <exception cref="DataDirectoryInUseException">Another process holds the data directory.</exception>
    public static EmbeddedGarnet Start(int port = 0, bool vectorSets = false, EmbeddedGarnetStorage? storage = null,
        ILoggerFactory? loggerFactory = null)
    {
        if (port == 0)
        {
            // Garnet takes a port number, not "any": borrow a free one from the OS.
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        // Quiet: no banner on the engine's console. Garnet's warnings go to the engine's log, or nowhere.
        List<string> args = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "-q"];
        if (loggerFactory is null)
        {
            args.Add("--disable-console-logger");
        }
        if (vectorSets)
        {
            args.Add("--enable-vector-set-preview");
        }
        FileStream? directoryLock = null;
        if (storage is not null)
        {
            Directory.CreateDirectory(storage.Directory);
            directoryLock = LockDirectory(storage.Directory);
            args.AddRange(storage.GarnetArguments());
        }
        try
        {
            var server = new GarnetServer([.. args], loggerFactory);
            server.Start();
            return new EmbeddedGarnet(server, port, storage, directoryLock);
        }
        catch
        {
            directoryLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes a checkpoint now (Garnet's SAVE): the append-only file is truncated and the next start recovers from the
    /// checkpoint instead of replaying it. No-op without storage.
    /// </summary>
    public void Checkpoint()
    {
        if (Storage is null)
        {
            return;
        }
        // SAVE blocks until the checkpoint is on disk, which is what a stop wants (the engine is no longer writing).
        using var connection = ConnectionMultiplexer.Connect($"{Endpoint},allowAdmin=true,syncTimeout=60000");
        connection.GetDatabase().Execute("SAVE");
    }

    // Two engines writing one append-only file would corrupt it; the lock dies with its process, even on SIGKILL
    // (.NET takes an advisory flock for FileShare.None on Unix).
    private static FileStream LockDirectory(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }
            stream.Flush();
            return stream;
        }
        catch (IOException ex)
        {
            throw DataDirectoryInUseException.For(directory, ex);
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        _lock?.Dispose();
    }
}
