namespace Journeys.Scoring.Catalog;

/// <summary>
/// A product's trend by momentum (short-window event rate / long-window event rate; see <see cref="CatalogOptions"/>
/// for the windows and thresholds).
/// </summary>
public enum TrendStatus
{
    /// <summary>Too little recent activity to say (or not tracked).</summary>
    Unknown,

    /// <summary>Little history before the short window, but active in it and rising fast: new or newly discovered.</summary>
    Emerging,

    /// <summary>With history, and its recent rate is well above its usual one.</summary>
    Trending,

    /// <summary>With history, and its recent rate is close to its usual one.</summary>
    Stable,

    /// <summary>With history, and its recent rate has fallen well below its usual one.</summary>
    Declining,
}
