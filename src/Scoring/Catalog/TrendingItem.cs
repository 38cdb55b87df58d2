namespace Journeys.Scoring.Catalog;

/// <summary>
/// An entry of a trending list: <see cref="Score"/> = events in the short window × momentum (recent activity, weighted
/// by how far above its usual rate it runs), <see cref="ShortWindowEvents"/> the events counted.
/// </summary>
public readonly record struct TrendingItem(string ProductId, float Score, float Momentum, TrendStatus Status, int ShortWindowEvents);
