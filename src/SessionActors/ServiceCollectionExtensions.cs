using Journeys.SessionActors.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Journeys.SessionActors;

public static class ServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="SessionOptions"/> (section <c>Sessions</c>) at start-up.</summary>
    public static IServiceCollection AddSessionActors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
