using System.Net;
using Journeys.Contracts.Events;
using Journeys.Engine.Http.Dashboard;
using Journeys.SessionActors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Journeys.Engine.Http;

/// <summary>
/// The engine's read-only HTTP surface on <see cref="HttpOptions.Urls"/>: <c>/health/live</c> and <c>/health/ready</c>
/// (ASP.NET Core health checks: 200 <c>Healthy</c> or 503 <c>Unhealthy</c>), <c>/metrics</c> (the engine's meter in
/// Prometheus text format), <c>GET /sessions/{sessionId}/decision</c> (the latest decision's JSON, as sent to Kafka) and
/// the live dashboard at <c>/</c> (<see cref="DashboardEndpoints"/>), which reads <c>/metrics</c> like a scraper.
/// A small Kestrel app of its own beside the engine's generic host, so the engine's composition stays as it is; it
/// reads the engine's singletons and exposes nothing else.
/// </summary>
internal sealed partial class HttpSurface : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan GarnetTimeout = TimeSpan.FromSeconds(1);

    private readonly HttpOptions _options;
    private readonly EngineReadiness _readiness;
    private readonly GarnetSessionStore _store;
    private readonly SnapshotWriter _writer;
    private readonly MeterProvider _meters;
    private readonly EngineCounters _counters;
    private readonly ILogger _log;
    private WebApplication? _app;

    public HttpSurface(IOptions<HttpOptions> options, EngineReadiness readiness, GarnetSessionStore store, SnapshotWriter writer,
        MeterProvider meters, EngineCounters counters, ILogger<HttpSurface> log)
    {
        _options = options.Value;
        _readiness = readiness;
        _store = store;
        _writer = writer;
        _meters = meters;
        _counters = counters;
        _log = log;
    }

    /// <summary>The addresses listened on (with the port chosen when Http:Urls asked for port 0); empty when off.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Disabled)
        {
            LogOff();
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. _options.UrlList]);
        builder.Services.AddHealthChecks()
            .AddCheck("engine", () => _readiness.Running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the engine is starting or stopping"), ["ready"])
            .AddCheck("partitions", () => _readiness.Assigned ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no assignment from the consumer group yet"), ["ready"])
            .AddCheck("product-feed", () => _readiness.FeedCaughtUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the product feed is still being read"), ["ready"])
            .AddAsyncCheck("garnet", GarnetAsync, ["ready"]);
        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics", _meters, null, null);
        app.MapGet("/sessions/{sessionId}/decision", DecisionAsync);
        app.MapDashboard(_counters);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            // A configuration problem like any invalid setting: start-up stops with the message naming the fix.
            throw new OptionsValidationException(HttpOptions.SectionName, typeof(HttpOptions),
                [$"cannot listen on Http:Urls {_options.Urls} ({e.Message}): set Http:Urls (or --http) to a free address, or none to turn HTTP off."]);
        }
        _app = app;
        Addresses = [.. app.Urls];
        LogListening(string.Join(", ", Addresses));
    }

    private async Task<HealthCheckResult> GarnetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latency = await _store.PingAsync().WaitAsync(GarnetTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Garnet does not answer: {e.Message}");
        }
    }

    /// <summary>
    /// The session's latest decision: from this engine if it holds one not yet written to Garnet, else from Garnet. The
    /// id is bounded like the click contract's ids; nothing but the decision is returned.
    /// </summary>
    private async Task<IResult> DecisionAsync(string sessionId)
    {
        if (sessionId.Length > ClickEventCodec.MaxIdLength)
        {
            return Results.Text($"sessionId is {sessionId.Length} characters; the limit is {ClickEventCodec.MaxIdLength}",
                statusCode: (int)HttpStatusCode.BadRequest);
        }
        if (_writer.TryGetUnwrittenDecision(sessionId, out var live))
        {
            return Results.Bytes(live!, "application/json");
        }
        try
        {
            var stored = await _store.LatestDecisionAsync(sessionId).WaitAsync(GarnetTimeout);
            return stored is null ? Results.NotFound() : Results.Bytes(stored, "application/json");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return Results.Text($"Garnet does not answer: {e.Message}", statusCode: (int)HttpStatusCode.ServiceUnavailable);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP on {Addresses}: the dashboard at /, /health/live, /health/ready, /metrics, /sessions/{{sessionId}}/decision (read-only)")]
    private partial void LogListening(string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP surface off (Http:Urls = none)")]
    private partial void LogOff();
}
