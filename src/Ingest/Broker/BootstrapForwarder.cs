using System.Net;
using System.Net.Sockets;

namespace Journeys.Ingest.Broker;

/// <summary>
/// A fixed loopback port that forwards TCP connections to the embedded broker's bootstrap address. librdkafka's mock
/// cluster always listens on random ports; Kafka clients need only the bootstrap address to be fixed, because the
/// metadata they fetch through it names the brokers' real (loopback) addresses, which they then use directly.
/// </summary>
public sealed class BootstrapForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();

    private BootstrapForwarder(TcpListener listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>The loopback port this forwarder listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> and forwards to <paramref name="target"/> (host:port).</summary>
    public static BootstrapForwarder Start(int port, string target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var first = target.Split(',')[0];
        var colon = first.LastIndexOf(':');
        var endpoint = new IPEndPoint(IPAddress.Parse(first[..colon] == "localhost" ? "127.0.0.1" : first[..colon]),
            int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new InvalidOperationException($"cannot listen on 127.0.0.1:{port}: {ex.Message}. Choose another --port, or 0 for a random one.", ex);
        }
        return new BootstrapForwarder(listener, endpoint);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ForwardAsync(client));
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(_target, _stop.Token);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var a = client.GetStream().CopyToAsync(upstream.GetStream(), linked.Token);
                var b = upstream.GetStream().CopyToAsync(client.GetStream(), linked.Token);
                await Task.WhenAny(a, b);
                // One side closed: close the other so neither copy waits forever.
                await linked.CancelAsync();
                await Task.WhenAll(a, b).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // A client hanging up or the forwarder stopping ends the connection; nothing to report.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }
        await Task.WhenAll(open);
        _listener.Dispose();
        _stop.Dispose();
    }
}
