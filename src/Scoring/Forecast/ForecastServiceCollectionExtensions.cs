using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Forecast;

public static class ForecastServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ForecastOptions"/> from the <c>Forecast</c> section (failing start-up on bad
    /// values) and registers the <see cref="ProductFeedInbox"/> the product feed writes into and the stage drains.
    /// </summary>
    public static IServiceCollection AddForecast(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ForecastOptions>()
            .Bind(configuration.GetSection(ForecastOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ForecastOptions>, ForecastOptionsValidator>());
        services.TryAddSingleton<ProductFeedInbox>();
        return services;
    }
}
