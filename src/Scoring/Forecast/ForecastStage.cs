using Journeys.Scoring.Views;

namespace Journeys.Scoring.Forecast;

/// <summary>
/// The forecast branch of the click stream: every click goes into a <see cref="ForecastModel"/>; every
/// <see cref="ForecastOptions.PublishInterval"/>, if something changed, a new <see cref="ForecastSnapshot"/> goes out,
/// and one last snapshot, changed or not, when the clicks end (so an empty stream still ends with an empty forecast);
/// how it publishes, restores and saves is <see cref="ViewStage{TModel, TSnapshot}"/>'s.
/// <para>
/// The stage's thread pays for a build: each product whose counts or stock changed is refitted, all of them on the
/// first publish of a new day (the cost: docs/recommendations.md, "Forecast stage and inventory"; see
/// <see cref="ForecastOptions.PublishInterval"/>), during which clicks wait in the stage's input buffer.
/// </para>
/// <para>Product feed rows come in through the <see cref="ProductFeedInbox"/> given here (see there for why), applied
/// before each click, at every tick and when the clicks end.</para>
/// </summary>
public sealed class ForecastStage : ViewStage<ForecastModel, ForecastSnapshot>
{
    /// <summary>The view's name in saved states.</summary>
    public const string ViewName = "forecast";

    private readonly ForecastOptions _options;
    private readonly ProductFeedInbox _feed;

    /// <param name="options">The forecast model's options.</param>
    /// <param name="feed">Where product feed rows wait for the stage; null: a private inbox nothing writes to.</param>
    /// <param name="persistence">Where the model's state comes from and goes; null keeps it in memory only.</param>
    public ForecastStage(ForecastOptions options, ProductFeedInbox? feed = null, ViewPersistence? persistence = null)
        : base(ViewName, persistence)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _feed = feed ?? new ProductFeedInbox();
    }

    protected override TimeSpan PublishInterval => _options.PublishInterval;

    protected override bool AlwaysPublishesAtFinish => true;

    protected override ForecastModel CreateModel() => new(_options);

    protected override ForecastModel RestoreModel(BinaryReader reader) => ForecastModel.Restore(_options, reader);

    protected override void CatchUp(ForecastModel model) => _feed.DrainInto(model);
}
