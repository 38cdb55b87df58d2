namespace Journeys.Scoring.Forecast;

/// <summary>The wire form of a <see cref="ForecastSnapshot"/> (see <see cref="ForecastSnapshotCodec"/>).</summary>
internal sealed record ForecastSnapshotDocument(long Version, DateTimeOffset AsOf, IReadOnlyList<ProductForecast> Products);
