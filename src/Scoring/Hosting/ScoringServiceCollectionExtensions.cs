using Journeys.Contracts.Events;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.Scoring.Products;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Hosting;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ScoringOptions"/> from the <c>Scoring</c> section (failing start-up on bad values),
    /// and registers the <see cref="ScoringModel"/> (file or seeded), the <see cref="StepBatcher"/> as
    /// <see cref="ISessionScorer"/>, and a hosted service that builds both at start. Without <c>Scoring:ModelPath</c>
    /// the host must also call <see cref="AddScoringSeedEvents"/>.
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScoringOptions>()
            .Bind(configuration.GetSection(ScoringOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>());
        services.TryAddSingleton(sp => ScoringModelFactory.Create(
            sp.GetRequiredService<IOptions<ScoringOptions>>(),
            sp.GetService<SeedEvents>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Journeys.Scoring") ?? NullLogger.Instance));
        services.TryAddSingleton(sp =>
        {
            var batcher = new StepBatcher(sp.GetRequiredService<ScoringModel>(), sp.GetRequiredService<IOptions<ScoringOptions>>().Value);
            Log.Backend(sp.GetService<ILoggerFactory>()?.CreateLogger("Journeys.Scoring") ?? NullLogger.Instance, batcher.Backend, batcher.Runtime);
            return batcher;
        });
        services.TryAddSingleton<ISessionScorer>(sp => sp.GetRequiredService<StepBatcher>());
        services.TryAddSingleton<ProductFeed>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ScoringStartup>());
        return services;
    }

    /// <summary>
    /// Registers the catalog events the seeded model builds its vocabularies from (read only when no ModelPath is set).
    /// Called more than once, the last registration wins.
    /// </summary>
    public static IServiceCollection AddScoringSeedEvents(this IServiceCollection services, Func<IServiceProvider, IEnumerable<ClickEvent>> readEvents)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(readEvents);
        services.AddSingleton(sp => new SeedEvents(() => readEvents(sp)));
        return services;
    }
}
