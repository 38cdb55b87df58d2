using Journeys.Scoring.Views;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// The catalog stage, a branch of the click stream: every event feeds a <see cref="CatalogModel"/>, and every
/// <see cref="CatalogOptions.PublishInterval"/> the latest snapshot goes downstream (to Garnet and the recommender); how
/// it publishes, restores and saves is <see cref="ViewStage{TModel, TSnapshot}"/>'s. Nothing is emitted while no event
/// arrived since the last snapshot, at completion included (an empty stream publishes nothing). Each materialization has
/// its own model, and its own session-neighbour index seeded with the same sessions: a seeded index is news before the
/// first click, published at once so decisions find neighbours from the start.
/// <para>
/// With a <see cref="ViewPersistence"/> the model starts from the saved state (then the seed sessions are not indexed
/// again: the state's index already holds what is left of them).
/// </para>
/// </summary>
public sealed class CatalogStage : ViewStage<CatalogModel, CatalogSnapshot>
{
    /// <summary>The view's name in saved states.</summary>
    public const string ViewName = "catalog";

    private readonly CatalogOptions _options;
    private readonly SessionNeighbourOptions? _neighbourOptions;
    private readonly IReadOnlyList<string[]> _seedSessions;

    /// <param name="options">The catalog model's options.</param>
    /// <param name="neighbourOptions">The session-neighbour index's options; null (or MaxSessions 0) keeps no index.</param>
    /// <param name="seedSessions">Sessions of product ids, oldest first, indexed before the first click (the model
    /// file's training sessions).</param>
    /// <param name="persistence">Where the model's state comes from and goes; null keeps it in memory only.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each setting to fix).</exception>
    public CatalogStage(CatalogOptions options, SessionNeighbourOptions? neighbourOptions = null, IReadOnlyList<string[]>? seedSessions = null,
        ViewPersistence? persistence = null)
        : base(ViewName, persistence)
    {
        CatalogOptionsValidator.Check(options);
        if (neighbourOptions is not null) SessionNeighbourOptionsValidator.Check(neighbourOptions);
        _options = options;
        _neighbourOptions = neighbourOptions;
        _seedSessions = seedSessions ?? [];
    }

    protected override TimeSpan PublishInterval => _options.PublishInterval;

    protected override bool AlwaysPublishesAtFinish => false;

    protected override CatalogModel CreateModel() => new(_options, NewIndex());

    protected override CatalogModel RestoreModel(BinaryReader reader) =>
        CatalogModel.Restore(_options, _neighbourOptions, reader, NewIndex);

    protected override bool StartsWithNews(CatalogModel model) => model.NeighbourSessions > 0;

    private SessionNeighbourIndex? NewIndex()
    {
        if (_neighbourOptions is not { MaxSessions: > 0 } options) return null;
        var index = new SessionNeighbourIndex(options);
        index.Seed(_seedSessions);
        return index;
    }
}
