namespace Journeys.EndToEnd.Tests;

/// <summary>
/// A test that needs a Docker engine. Where none answers (this project's CI machines have only the docker client),
/// it is skipped with the reason, never failed and never left hanging.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (!DockerAvailable(out var why))
        {
            Skip = $"Docker engine not available ({why}); this test runs Apache Kafka in a container via Testcontainers.";
        }
    }

    private static bool DockerAvailable(out string why)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            why = "";
            return true;
        }
        var socket = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
        if (!File.Exists(socket))
        {
            why = $"no socket at {socket}";
            return false;
        }
        try
        {
            using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
                System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            s.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            why = "";
            return true;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            why = $"{socket} does not answer: {ex.Message}";
            return false;
        }
    }
}
