using System.Net;
using System.Net.Sockets;
using Garnet;

namespace Journeys.SessionActors.State;

/// <summary>
/// Garnet inside this process, on a free loopback port: the default state store, so the demo and tests need no set
/// up. It lives and dies with the process — production points <c>State:Garnet</c> at a Garnet (or Redis) of its own,
/// which is what makes state outlive an engine crash.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedGarnet(GarnetServer server, int port)
    {
        _server = server;
        Endpoint = $"127.0.0.1:{port}";
    }

    /// <summary><c>host:port</c> to connect to.</summary>
    public string Endpoint { get; }

    /// <param name="vectorSets">Enables Garnet's vector sets (VADD/VSIM, a preview feature), for the Garnet retrieval index.</param>
    public static EmbeddedGarnet Start(int port = 0, bool vectorSets = false)
    {
        if (port == 0)
        {
            // Garnet takes a port number, not "any": borrow a free one from the OS.
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        string[] args = ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1"];
        var server = new GarnetServer(vectorSets ? [.. args, "--enable-vector-set-preview"] : args);
        server.Start();
        return new EmbeddedGarnet(server, port);
    }

    public void Dispose() => _server.Dispose();
}
