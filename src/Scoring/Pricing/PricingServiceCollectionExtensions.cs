using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="PricingOptions"/> from the <c>Pricing</c> section (start fails on bad values) and
    /// registers the <see cref="PriceOptimizer"/>, with the demand model of <c>Pricing:DemandModelPath</c> loaded once,
    /// or none (list prices, said so in every reason) when the setting is absent.
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PricingOptions>()
            .Bind(configuration.GetSection(PricingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PricingOptions>>().Value;
            return new PriceOptimizer(options, options.DemandModelPath is { } path ? DemandModel.Load(path) : null);
        });
        return services;
    }
}
