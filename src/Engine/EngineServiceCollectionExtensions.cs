using Akka.Hosting;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Journeys.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The actor system with the session region, and the pipeline that feeds it from Kafka.</summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<EngineCounters>();
        services.AddSingleton<EngineReadiness>();
        services.AddSingleton<EngineMetrics>();
        // Kafka unless a caller (the load test's engine-only mode) registered another transport first.
        services.TryAddSingleton<IEngineTransport, KafkaTransport>();
        services.AddSingleton<ViewCheckpoints>();
        services.AddSingleton(provider => new ViewStages(
            provider.GetRequiredService<IOptions<CatalogOptions>>().Value,
            provider.GetRequiredService<IOptions<SessionNeighbourOptions>>().Value,
            provider.GetRequiredService<ScoringModel>().RecentSessions,
            provider.GetRequiredService<IOptions<ForecastOptions>>().Value,
            provider.GetRequiredService<IOptions<EngineOptions>>().Value,
            provider.GetRequiredService<LiveViews>(),
            provider.GetRequiredService<ProductFeedInbox>(),
            provider.GetRequiredService<GarnetSessionStore>(),
            provider.GetRequiredService<ViewCheckpoints>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<ViewStages>()));
        services.AddAkka("journeys", (akka, provider) =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            akka.AddHocon(SessionMailbox.Declaration, HoconAddMode.Prepend);
            akka.WithActors((system, registry) =>
            {
                var encoder = provider.GetRequiredService<ScoringModel>().Encoder;
                var dependencies = new SessionDependencies(provider.GetRequiredService<ISessionScorer>(), encoder.Encode,
                    provider.GetRequiredService<IOptions<SessionOptions>>().Value, provider.GetRequiredService<SessionPersistence>(),
                    provider.GetRequiredService<DecisionAdvisor>())
                {
                    Mailbox = SessionMailbox.ConfigPath,
                };
                registry.Register<SessionRegion>(system.ActorOf(SessionRegion.Props(dependencies), "sessions"));
            });
        });
        services.AddHostedService<EngineService>();
        return services;
    }
}
