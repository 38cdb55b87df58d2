using Microsoft.Extensions.Hosting;

namespace Journeys.Engine.Hosting;

/// <summary>An in-process engine's host that deletes its scratch data directory after the host (and its Garnet) is disposed.</summary>
internal sealed class HostWithScratchState(IHost host, ScratchDataDirectory scratch) : IHost
{
    public IServiceProvider Services => host.Services;

    public Task StartAsync(CancellationToken cancellationToken = default) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => host.StopAsync(cancellationToken);

    public void Dispose()
    {
        host.Dispose();
        scratch.Dispose();
    }
}
