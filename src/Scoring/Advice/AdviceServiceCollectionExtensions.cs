using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Model;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Products;
using Journeys.Scoring.Recommendations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Advice;

public static class AdviceServiceCollectionExtensions
{
    /// <summary>
    /// Everything a decision offers beside the model's figures: binds and validates <c>Catalog</c>, <c>SessionNeighbours</c>, <c>Forecast</c>,
    /// <c>Pricing</c> and <c>Recommendations</c> (start fails on a bad value, naming it), and registers the live views
    /// the stream stages publish into, the recommender, the price optimizer and the advisor the sessions ask.
    /// Needs <see cref="Hosting.ScoringServiceCollectionExtensions.AddScoring"/> (the model's vocabulary and the product feed).
    /// </summary>
    public static IServiceCollection AddAdvice(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>());
        services.AddOptions<SessionNeighbourOptions>()
            .Bind(configuration.GetSection(SessionNeighbourOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionNeighbourOptions>, SessionNeighbourOptionsValidator>());
        services.AddOptions<RecommendationOptions>()
            .Bind(configuration.GetSection(RecommendationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddForecast(configuration);
        services.AddPricing(configuration);
        services.TryAddSingleton(sp =>
        {
            var feed = sp.GetRequiredService<ProductFeed>();
            var inbox = sp.GetRequiredService<ProductFeedInbox>();
            // Subscribed before the rows already read are offered, so no row falls between the two.
            feed.Updated += inbox.Offer;
            foreach (var item in feed.Items)
            {
                inbox.Offer(item);
            }
            return new LiveViews(feed);
        });
        services.TryAddSingleton(sp =>
        {
            var model = sp.GetRequiredService<ScoringModel>();
            var encoder = model.Encoder;
            return new Recommender(sp.GetRequiredService<IOptions<RecommendationOptions>>().Value, p => encoder.ProductIndex(p) != 0,
                model.Metadata.BlendWeights);
        });
        services.TryAddSingleton(sp => new DecisionAdvisor(sp.GetRequiredService<Recommender>(),
            sp.GetRequiredService<PriceOptimizer>(), sp.GetRequiredService<LiveViews>()));
        return services;
    }
}
