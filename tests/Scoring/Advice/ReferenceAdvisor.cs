using Journeys.Contracts.Decisions;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Recommendations;
using Journeys.Scoring.Tests.Pricing;
using Journeys.Scoring.Tests.Recommendations;

namespace Journeys.Scoring.Tests.Advice;

/// <summary>
/// The oracle for <see cref="DecisionAdvisor.Advise"/>: the advisor as it was before the allocation work (commit 1df6c9c),
/// on <see cref="ReferenceRecommender"/> and <see cref="ReferencePriceOptimizer"/>. Do not optimize this copy.
/// </summary>
internal sealed class ReferenceAdvisor(ReferenceRecommender recommender, ReferencePriceOptimizer optimizer, LiveViews views)
{
    public DecisionAdvice Advise(AdviceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var e = request.Event;
        var catalogView = views.Catalog;
        var forecastView = views.Forecast;
        var catalog = catalogView.Snapshot;
        var forecast = forecastView.Snapshot;
        var feed = views.Feed;
        var recommendations = recommender.Recommend(
            new RecommendationRequest(e.ProductId, e.CategoryId, request.Step.TopItems, request.RecentItems, request.PurchasedItems),
            catalog, forecast, feed);
        return new DecisionAdvice(recommendations, Price(request, catalog.CategoryOf, forecast), catalogView.Version, forecastView.Version);
    }

    private PriceOffer? Price(AdviceRequest request, Func<string, string?> categoryOf, ForecastSnapshot forecast)
    {
        var e = request.Event;
        if (e.ProductId is not { } productId)
        {
            return null;
        }
        var item = views.Feed.Find(productId);
        var fromFeed = item?.ListPrice is not null;
        var list = item?.ListPrice ?? (e.Price is > 0 ? e.Price : null);
        if (list is not { } listPrice)
        {
            return null;
        }
        var input = new PricingInput(productId, listPrice, item?.Cost, item?.CategoryId ?? e.CategoryId ?? categoryOf(productId),
            Math.Clamp(request.Step.ConversionProbability, 0, 1), Math.Clamp(request.Step.FrictionScore, 0, 1),
            forecast.PressureOf(productId));
        var offer = optimizer.Offer(input, request.Prior, e.Timestamp);
        return fromFeed ? offer : offer with { Reason = $"{offer.Reason}; list price from the click (not in the product feed)" };
    }
}
