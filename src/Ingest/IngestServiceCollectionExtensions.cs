using Journeys.Ingest.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Journeys.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="KafkaOptions"/> from the <c>Kafka</c> section; a bad value fails the host at start.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        return services;
    }
}
