using Journeys.Contracts.Decisions;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Pricing;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Advice;

/// <summary>
/// Completes a decision beside the model's figures: recommendations (model candidates blended with catalog relations,
/// then the business rules) and a price offer for the event's product (demand model → expected-profit optimum within
/// the guardrails). Runs on the session's actor after its model step; reads the live views without locks.
/// </summary>
public sealed class DecisionAdvisor
{
    private const string ClickPriceNote = "; list price from the click (not in the product feed)";

    private readonly Recommender _recommender;
    private readonly PriceOptimizer _optimizer;
    private readonly LiveViews _views;

    public DecisionAdvisor(Recommender recommender, PriceOptimizer optimizer, LiveViews views)
    {
        _recommender = recommender;
        _optimizer = optimizer;
        _views = views;
    }

    public LiveViews Views => _views;

    public DecisionAdvice Advise(AdviceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var e = request.Event;
        var catalogView = _views.Catalog;
        var forecastView = _views.Forecast;
        var catalog = catalogView.Snapshot;
        var forecast = forecastView.Snapshot;
        var feed = _views.Feed;
        var recommendations = _recommender.Recommend(e.ProductId, e.CategoryId, request.Step.TopItems, request.RecentItems,
            request.PurchasedItems, catalog, forecast, feed, e.SessionId);
        return new DecisionAdvice(recommendations, Price(request, catalog, forecast), catalogView.Version, forecastView.Version);
    }

    /// <summary>
    /// The offer for the event's product: null without a product or a known list price (the feed's, else the price the
    /// click carried — said in the reason). Only declared features reach the optimizer (<see cref="PricingInput"/>).
    /// </summary>
    private PriceOffer? Price(AdviceRequest request, CatalogSnapshot catalog, ForecastSnapshot forecast)
    {
        var e = request.Event;
        if (e.ProductId is not { } productId)
        {
            return null;
        }
        var item = _views.Feed.Find(productId);
        var fromFeed = item?.ListPrice is not null;
        var list = item?.ListPrice ?? (e.Price is > 0 ? e.Price : null);
        if (list is not { } listPrice)
        {
            return null;
        }
        var input = new PricingInput(productId, listPrice, item?.Cost, item?.CategoryId ?? e.CategoryId ?? catalog.CategoryOf(productId),
            Math.Clamp(request.Step.ConversionProbability, 0, 1), Math.Clamp(request.Step.FrictionScore, 0, 1),
            forecast.PressureOf(productId));
        return _optimizer.OfferWithReasonSuffix(input, request.Prior, e.Timestamp, fromFeed ? null : ClickPriceNote);
    }
}
