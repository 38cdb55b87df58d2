using System.Globalization;
using Garnet;

namespace Journeys.Scoring.Tests.Retrieval;

/// <summary>An in-process Garnet with vector sets enabled, on a free loopback port.</summary>
internal sealed class VectorGarnet : IDisposable
{
    private readonly GarnetServer _server;

    public VectorGarnet()
    {
        var port = FreePorts.Next();
        _server = new GarnetServer(["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--enable-vector-set-preview"]);
        _server.Start();
        Endpoint = $"127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public void Dispose() => _server.Dispose();
}
