using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>An in-process Garnet with vector sets enabled, on a free loopback port.</summary>
internal sealed class VectorGarnet : IDisposable
{
    private readonly GarnetServer _server;

    public VectorGarnet()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _server = new GarnetServer(["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--enable-vector-set-preview"]);
        _server.Start();
        Endpoint = $"127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public void Dispose() => _server.Dispose();
}
