using System.Net;
using System.Net.Sockets;

namespace Journeys.Tests.Support;

/// <summary>A loopback port nothing listens on now, for a server or process the test starts with an address of its own.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
