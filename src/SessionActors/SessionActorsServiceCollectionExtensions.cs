using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Journeys.SessionActors;

public static class SessionActorsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="SessionOptions"/> (section <c>Sessions</c>) and <see cref="StateOptions"/>
    /// (section <c>State</c>) at start-up, and provides session persistence in Garnet: the server at
    /// <c>State:Garnet</c>, or an embedded one when that is empty (durable in <c>State:DataDirectory</c> unless
    /// <c>State:Durability=none</c>).
    /// </summary>
    public static IServiceCollection AddSessionActors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<StateOptions>()
            .Bind(configuration.GetSection(StateOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var state = provider.GetRequiredService<IOptions<StateOptions>>().Value;
            return GarnetConnection.Open(state, provider.GetRequiredService<ILogger<GarnetConnection>>(),
                new WarningsOnlyLoggerFactory(provider.GetRequiredService<ILoggerFactory>()));
        });
        services.AddSingleton(provider =>
        {
            var state = provider.GetRequiredService<IOptions<StateOptions>>().Value;
            var sessions = provider.GetRequiredService<IOptions<SessionOptions>>().Value;
            return new GarnetSessionStore(provider.GetRequiredService<GarnetConnection>().Endpoint, state.Password,
                state.KeyPrefix, sessions.IdleTimeout);
        });
        services.AddSingleton(provider => new SnapshotWriter(provider.GetRequiredService<GarnetSessionStore>(),
            provider.GetRequiredService<IOptions<StateOptions>>().Value.FlushInterval,
            provider.GetRequiredService<ILogger<SnapshotWriter>>()));
        services.AddSingleton(provider => new SnapshotLoader(provider.GetRequiredService<GarnetSessionStore>(),
            provider.GetRequiredService<ILogger<SnapshotLoader>>()));
        services.AddSingleton(provider => new SessionPersistence(provider.GetRequiredService<SnapshotLoader>(),
            provider.GetRequiredService<SnapshotWriter>()));
        return services;
    }
}
