using Journeys.Contracts.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Journeys.Engine.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>Health, metrics and decisions on request over HTTP (<c>Http:Urls</c>; <c>none</c> turns it off).</summary>
    public static IServiceCollection AddHttpSurface(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpOptions>()
            .Bind(configuration.GetSection(HttpOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("journeys"))
            .WithMetrics(metrics => metrics
            .AddMeter(JourneysMeter.Name)
            .AddPrometheusExporter());
        // Registered before the engine (AddEngine), so it answers /health/live and a not-yet-ready /health/ready while
        // the engine warms up and reads the product feed.
        services.AddSingleton<HttpSurface>();
        services.AddHostedService(provider => provider.GetRequiredService<HttpSurface>());
        return services;
    }
}
