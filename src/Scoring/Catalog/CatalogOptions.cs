using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// Configuration section <c>Catalog</c>: the catalog stage's relations, trends and publishing. Validated at start
/// (DataAnnotations here, the rules between settings in <see cref="CatalogOptionsValidator"/>).
/// Worst-case memory ≈ MaxItems × (2 × MaxRelationsPerItem × 12 B + (TrendLongWindow / TrendBucket + 1) × 4 B + ~200 B)
/// + MaxTrackedSessions × ~(CoViewWindow × 8 B + 150 B): about 190 MB at the defaults, far less when most products
/// have few neighbours.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// How often a snapshot is published (to Garnet and the recommender). 5 s: relations and trends move over minutes,
    /// and building a snapshot touches every product with new evidence, so publishing per event would cost more than it tells.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Catalog:PublishInterval must be between 10 ms and 1 hour (e.g. 00:00:05).")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Products tracked at once; beyond it the least recently seen product is forgotten (relations, trend, category).
    /// 100,000: a large shop's active assortment, and Diginetica's 43,097 items fit whole.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "Catalog:MaxItems must be between 1 and 10000000 (default 100000).")]
    public int MaxItems { get; set; } = 100_000;

    /// <summary>
    /// Neighbours kept per product and relation kind (Space-Saving: a new neighbour replaces the weakest one and
    /// inherits its count). 50, well above <see cref="PublishedRelationsPerItem"/>: Space-Saving's counts are reliable
    /// for the strongest entries only when the table has room for more than those.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Catalog:MaxRelationsPerItem must be between 1 and 10000 (default 50).")]
    public int MaxRelationsPerItem { get; set; } = 50;

    /// <summary>Neighbours per product and kind in a published snapshot (best first). 20: a recommendation row's worth.</summary>
    [Range(1, 10_000, ErrorMessage = "Catalog:PublishedRelationsPerItem must be between 1 and 10000 and at most MaxRelationsPerItem (default 20).")]
    public int PublishedRelationsPerItem { get; set; } = 20;

    /// <summary>
    /// Event time after which a co-view or co-purchase counts half. 7 days: relations follow assortment and season
    /// changes within weeks, while a long-tail product keeps enough evidence, and a weekly cycle does not swing them.
    /// Null: no decay (offline builds over data without timestamps).
    /// </summary>
    public TimeSpan? RelationHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A product view pairs with this many of the session's previously viewed distinct products (the nearest weighs
    /// 1, the next 1/2, …). 5: beyond that, views in a session drift to other needs.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Catalog:CoViewWindow must be between 1 and 100 (default 5).")]
    public int CoViewWindow { get; set; } = 5;

    /// <summary>
    /// Weight of a cart add in co-purchase pairs (a purchase weighs 1). 0.5: carts are several times more plentiful than
    /// purchases, so they fill in sparse complements, but many are abandoned or used as a wish list.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Catalog:CartWeight must be between 0 and 1 (default 0.5; 0 ignores carts).")]
    public double CartWeight { get; set; } = 0.5;

    /// <summary>Products a session's basket remembers for co-purchase pairs; later ones do not pair (bots, bulk orders).</summary>
    [Range(1, 10_000, ErrorMessage = "Catalog:MaxBasketItems must be between 1 and 10000 (default 50).")]
    public int MaxBasketItems { get; set; } = 50;

    /// <summary>
    /// Sessions whose recent views and basket are remembered; beyond it the least recently seen session is forgotten.
    /// 100,000: several times the sessions active within half an hour at thousands of events per second.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "Catalog:MaxTrackedSessions must be between 1 and 10000000 (default 100000).")]
    public int MaxTrackedSessions { get; set; } = 100_000;

    /// <summary>Least (decayed) co-view count for a pair to be called substitutes. 3: one or two joint views are chance.</summary>
    [Range(0.0, 1e9, ErrorMessage = "Catalog:MinSubstituteCoViews must be between 0 and 1e9 (default 3).")]
    public double MinSubstituteCoViews { get; set; } = 3;

    /// <summary>
    /// Co-viewed products are substitutes when their co-purchase count is at most this share of their co-view count.
    /// 0.1: alternatives are compared, then one of them is bought.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Catalog:MaxSubstitutePurchaseRatio must be between 0 and 1 (default 0.1).")]
    public double MaxSubstitutePurchaseRatio { get; set; } = 0.1;

    /// <summary>Width of a trend bucket (event time). 5 min: trends react within minutes; the long window needs 72 buckets.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Catalog:TrendBucket must be between 1 s and 1 day (e.g. 00:05:00).")]
    public TimeSpan TrendBucket { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The recent window whose rate is compared (whole buckets). 1 h: long enough to count, short enough to be "now".</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Catalog:TrendShortWindow must be between 1 s and 30 days (e.g. 01:00:00).")]
    public TimeSpan TrendShortWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The reference window (whole buckets, includes the short one). 6 h: a product's usual rate of the day.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "365.00:00:00", ErrorMessage = "Catalog:TrendLongWindow must be between 2 s and 365 days (e.g. 06:00:00).")]
    public TimeSpan TrendLongWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Momentum (short-window rate / long-window rate) from which a product is rising (trending or emerging).
    /// 2: twice its usual rate. It must stay below TrendLongWindow / TrendShortWindow, the highest momentum there is.
    /// </summary>
    [Range(1.0, 1e6, ErrorMessage = "Catalog:RisingMomentum must be at least 1 (default 2).")]
    public double RisingMomentum { get; set; } = 2.0;

    /// <summary>Momentum up to which a product with history is declining. 0.5: half its usual rate.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Catalog:DecliningMomentum must be between 0 and 1 (default 0.5).")]
    public double DecliningMomentum { get; set; } = 0.5;

    /// <summary>Least events in the short window for a product with history to be trending. 20: fewer is noise at this window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Catalog:MinTrendingEvents must be at least 1 (default 20).")]
    public int MinTrendingEvents { get; set; } = 20;

    /// <summary>Least events in the short window for a product without history to be emerging.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Catalog:MinEmergingEvents must be at least 1 (default 10).")]
    public int MinEmergingEvents { get; set; } = 10;

    /// <summary>
    /// Events in the long window before the short one that make "history": below it a rising product is emerging, and
    /// a product can only be stable or declining with at least this much activity (else its trend is unknown).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Catalog:MinHistoryEvents must be at least 1 (default 20).")]
    public int MinHistoryEvents { get; set; } = 20;

    /// <summary>Products per trending list (global and per category).</summary>
    [Range(1, 10_000, ErrorMessage = "Catalog:TrendingListSize must be between 1 and 10000 (default 20).")]
    public int TrendingListSize { get; set; } = 20;
}
