using Journeys.Scoring.Model;
using Microsoft.Extensions.Hosting;

namespace Journeys.Scoring.Hosting;

/// <summary>
/// Resolves the scorer when the host starts, so a missing model file, an unusable device or absent seed events stop
/// start-up with their message instead of failing the first click.
/// </summary>
internal sealed class ScoringStartup(ISessionScorer scorer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = scorer.Model;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
